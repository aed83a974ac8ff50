/** Writes `.br` and `.gz` copies beside every compressible file under `root` that they make smaller. */
export function compressWeb(root: string): Promise<{ files: number; bytes: number; br: number; gzip: number }>;
