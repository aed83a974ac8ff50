import type { ImageProvider } from './types.js';

type Observe = (labels: { provider: string; operation: string; outcome: string }, seconds: number) => void;

/** Wraps a provider so every call's duration and outcome is observed. */
export function meteredProvider(provider: ImageProvider, observe: Observe): ImageProvider {
  const timed =
    <A extends unknown[], R>(operation: string, fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const start = performance.now();
      let outcome = 'error';
      try {
        const result = await fn(...args);
        outcome = 'ok';
        return result;
      } finally {
        observe({ provider: provider.name, operation, outcome }, (performance.now() - start) / 1000);
      }
    };
  return {
    name: provider.name,
    demo: provider.demo,
    tools: provider.tools,
    ...(provider.callbacks ? { callbacks: provider.callbacks } : {}),
    createTask: timed('create_task', (input) => provider.createTask(input)),
    getTask: timed('get_task', (id) => provider.getTask(id)),
    downloadResult: timed('download_result', (url) => provider.downloadResult(url)),
    ...(provider.cancelTask ? { cancelTask: timed('cancel_task', (id: string) => provider.cancelTask!(id)) } : {}),
    ...(provider.grid
      ? {
          grid: {
            upscaleTask: timed('upscale_task', (input) => provider.grid!.upscaleTask(input)),
            varyTask: timed('vary_task', (input) => provider.grid!.varyTask(input)),
          },
        }
      : {}),
  };
}
