import { fileURLToPath } from 'node:url';

/**
 * A file of the project (migrations, legal pages, the built web app), by its
 * path from the project root. This module sits two folders below the root
 * (src/lib/), as the server bundle does (dist/server/main.js), so the same
 * path works from the sources under tsx and from the build.
 */
export function projectPath(relative: string): string {
  return fileURLToPath(new URL(`../../${relative}`, import.meta.url));
}
