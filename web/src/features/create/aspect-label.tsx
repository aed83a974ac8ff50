import { ratioOf } from '../../lib/format.js';

/** "16:9" with a little rectangle of that shape. */
export function AspectLabel({ ratio }: { ratio: string }) {
  const r = ratioOf(ratio);
  const max = 16;
  const w = r >= 1 ? max : Math.max(4, Math.round(max * r));
  const h = r >= 1 ? Math.max(4, Math.round(max / r)) : max;
  return (
    <>
      <span className="grid size-4 place-items-center" aria-hidden="true">
        <span className="rounded-[3px] border-[1.5px] border-current opacity-70" style={{ width: w, height: h }} />
      </span>
      <span className="tabular-nums">{ratio}</span>
    </>
  );
}
