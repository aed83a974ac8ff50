/**
 * The classifier's thread, as plain CommonJS run with `eval`: the server is
 * one bundled file, so a worker file beside it would not exist. It loads only
 * packages, by the absolute paths the parent resolved. One model per thread,
 * loaded on the first message; each message is 224×224 RGB pixels, each
 * answer NSFWJS's five probabilities or an error message.
 */
export const nsfwWorkerSource = `
const { parentPort, workerData } = require('node:worker_threads');
// NSFWJS and TensorFlow.js announce themselves on the console; this thread has nothing to say.
console.info = console.log = console.warn = () => {};
let loading = null;
function load() {
  loading ??= (async () => {
    const tf = require(workerData.tfjs);
    const wasm = require(workerData.wasm);
    wasm.setWasmPaths(workerData.wasmDir);
    await tf.setBackend('wasm');
    await tf.ready();
    const nsfw = require(workerData.nsfwjs);
    const model = await nsfw.load(workerData.model);
    return { tf, model };
  })();
  return loading;
}
parentPort.on('message', async (m) => {
  try {
    const { tf, model } = await load();
    if (m.warm) return parentPort.postMessage({ id: m.id, scores: {} });
    const img = tf.tensor3d(new Int32Array(new Uint8Array(m.pixels)), [m.size, m.size, 3], 'int32');
    try {
      const predictions = await model.classify(img, 5);
      const scores = {};
      for (const p of predictions) scores[p.className] = p.probability;
      parentPort.postMessage({ id: m.id, scores });
    } finally {
      img.dispose();
    }
  } catch (err) {
    parentPort.postMessage({ id: m.id, error: String(err && err.message || err) });
  }
});
`;
