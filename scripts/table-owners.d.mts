/** A source file: where it is read from, and its name as under src/. */
interface SourceFile {
  path: string;
  name: string;
}
/** table name → owning module, and what is wrong about where tables are declared. */
export function readOwners(files: SourceFile[]): { owners: Map<string, string>; problems: string[] };
/** Raw SQL in one module that names another module's table. */
export function findForeignSql(files: SourceFile[], owners: Map<string, string>): string[];
/** Both checks over a source root (tests left out). */
export function checkTableOwners(root?: string): { owners: Map<string, string>; problems: string[] };
