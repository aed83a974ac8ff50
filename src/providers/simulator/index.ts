export { type Behaviour, parseBehaviourPatch } from './behaviour.js';
export type { Directive } from './directives.js';
export { dimensionsFor, renderPlaceholder } from './render.js';
export type { SimStats } from './routes.js';
export { type Simulator, type SimulatorOptions, startSimulator } from './server.js';
export type { SimLog, SimTaskView } from './task-store.js';
