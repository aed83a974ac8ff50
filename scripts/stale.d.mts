/** Whether `output` is missing or older than any of `inputs` (files or folders, walked recursively). */
export function isStale(output: string, inputs: string[]): boolean;
