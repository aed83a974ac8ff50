import { create } from 'qrcode';
import { useMemo } from 'react';
import { cn } from '../../lib/cn.js';

const QUIET = 4;

/**
 * A QR code drawn as one SVG path in the browser (the secret it carries never
 * leaves the page). Dark modules on white, with the standard quiet zone, so
 * phone cameras read it in either theme.
 */
export function QrCode({ value, label, className }: { value: string; label: string; className?: string }) {
  const { size, path } = useMemo(() => {
    const { modules } = create(value, { errorCorrectionLevel: 'M' });
    let d = '';
    for (let row = 0; row < modules.size; row++) {
      for (let col = 0; col < modules.size; col++) {
        if (modules.get(row, col)) d += `M${col + QUIET} ${row + QUIET}h1v1h-1z`;
      }
    }
    return { size: modules.size + QUIET * 2, path: d };
  }, [value]);

  return (
    <svg
      viewBox={`0 0 ${size} ${size}`}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
      className={cn('rounded-xl bg-white shadow-sm ring-1 ring-zinc-900/10', className)}
      data-testid="totp-qr"
    >
      <path d={path} fill="#18181b" />
    </svg>
  );
}
