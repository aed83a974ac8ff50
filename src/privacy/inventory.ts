import { readFileSync } from 'node:fs';
import { projectPath } from '../lib/paths.js';

export interface InventoryRow {
  table: string;
  column: string;
  personal: 'yes' | 'secret' | 'no';
  purpose: string;
  retention: string;
  /** Where it appears in the export (`file.field`), or null. */
  exportPath: string | null;
  /** Why it is not in the export, when it is not. */
  notExportedBecause: string | null;
}

/** Reads the table of docs/data-inventory.md. */
export function readInventory(markdown: string = readFileSync(projectPath('docs/data-inventory.md'), 'utf8')): InventoryRow[] {
  const rows: InventoryRow[] = [];
  for (const line of markdown.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length !== 8 || cells[1] === 'table' || cells[1]?.startsWith('---')) continue;
    const [, table, column, personal, purpose, retention, exportPath] = cells as [string, string, string, string, string, string, string];
    if (personal !== 'yes' && personal !== 'secret' && personal !== 'no')
      throw new Error(`data inventory: bad "personal" for ${table}.${column}`);
    const absent = exportPath.startsWith('—');
    rows.push({
      table,
      column,
      personal,
      purpose,
      retention,
      exportPath: absent ? null : exportPath,
      notExportedBecause: absent ? exportPath.replace(/^—\s*\(?|\)$/g, '') || null : null,
    });
  }
  return rows;
}
