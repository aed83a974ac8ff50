import { useTranslation } from '../../i18n/react.js';
import { cn } from '../../lib/cn.js';
import type { ImageTool } from './tool-offers.js';

/** The tools on offer as a radio group: one chosen, arrow keys move between them. */
export function ToolPicker({ tools, value, onChange }: { tools: ImageTool[]; value: ImageTool; onChange: (tool: ImageTool) => void }) {
  const { t } = useTranslation();
  return (
    <fieldset>
      <legend className="mb-1.5 text-sm font-medium text-zinc-800 dark:text-zinc-200">{t('tools.tool')}</legend>
      <div className="flex flex-wrap gap-2" data-testid="tool-picker">
        {tools.map((tool) => (
          <label key={tool} className="cursor-pointer">
            <input
              type="radio"
              name="tool"
              value={tool}
              checked={tool === value}
              onChange={() => onChange(tool)}
              className="peer sr-only"
              data-testid="tool-option"
            />
            <span
              className={cn(
                'inline-block rounded-lg px-3 py-1.5 text-sm font-medium ring-1 transition',
                'bg-white text-zinc-700 ring-zinc-200 hover:ring-zinc-300 dark:bg-white/[0.04] dark:text-zinc-200 dark:ring-white/10',
                'peer-checked:bg-violet-50 peer-checked:text-violet-900 peer-checked:ring-2 peer-checked:ring-violet-500 dark:peer-checked:bg-violet-500/15 dark:peer-checked:text-white',
                'peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-violet-500',
              )}
            >
              {t(`tools.names.${tool}`)}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
