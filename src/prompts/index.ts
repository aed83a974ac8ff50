export { defaultPresets, parsePresets } from './built-in-presets.js';
export { createPreset } from './create-preset.js';
export { deletePreset } from './delete-preset.js';
export { clearPromptHistory, deletePromptHistoryEntry } from './delete-prompt-history.js';
export { promptHistoryClauses } from './history-clauses.js';
export { listPresets } from './list-presets.js';
export { listPromptHistory } from './list-prompt-history.js';
export { eraseUserData, exportUserData } from './personal-data.js';
export { updatePreset } from './update-preset.js';
