import { type KeyboardEvent, type PointerEvent, useEffect, useRef, useState } from 'react';
import type { Generation } from '../../api/contracts.js';
import { ChevronLeftIcon, ChevronRightIcon, CloseIcon, ExpandIcon, ZoomInIcon, ZoomOutIcon } from '../../components/ui/icons.js';
import { hiddenImageClass, MatureCover } from '../../components/ui/mature-cover.js';
import { useTranslation } from '../../i18n/react.js';
import { cn } from '../../lib/cn.js';
import type { RevealedImages } from '../image-moderation/use-revealed-images.js';

const MIN_ZOOM = 1;
const MAX_ZOOM = 5;
const STEP = 1.5;
const clampZoom = (z: number) => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, z));

interface LightboxProps {
  open: boolean;
  images: Generation['images'];
  index: number;
  alt: string;
  onIndexChange: (i: number) => void;
  onClose: () => void;
  /** Mature images not yet shown on this page stay blurred here too. */
  revealed: RevealedImages;
}

/**
 * The images of a generation full screen, on the native modal <dialog> (focus
 * stays inside, Escape closes, focus goes back to what opened it). Zoom with
 * the buttons, + / - / 0, a double-click, the wheel or two fingers; drag to
 * pan when zoomed; ← / → (or the buttons) move through a batch.
 */
export function Lightbox({ open, images, index, alt, onIndexChange, onClose, revealed }: LightboxProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const [zoom, setZoom] = useState(1);
  const [pan, setPan] = useState({ x: 0, y: 0 });
  // Pointers down on the image: one drags, two pinch.
  const pointers = useRef(new Map<number, { x: number; y: number }>());
  const pinch = useRef<{ distance: number; zoom: number } | null>(null);
  const image = images[index];
  const many = images.length > 1;
  const hidden = image ? revealed.isHidden(image) : false;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement as HTMLElement | null;
      dialog.showModal();
      dialog.querySelector<HTMLElement>('[data-testid="lightbox-close"]')?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const setZoomLevel = (z: number) => {
    const next = clampZoom(z);
    setZoom(next);
    if (next === 1) setPan({ x: 0, y: 0 });
  };
  const go = (step: number) => {
    if (!many) return;
    onIndexChange((index + step + images.length) % images.length);
    setZoomLevel(1);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === 'ArrowLeft') go(-1);
    else if (e.key === 'ArrowRight') go(1);
    else if (e.key === '+' || e.key === '=') setZoomLevel(zoom * STEP);
    else if (e.key === '-') setZoomLevel(zoom / STEP);
    else if (e.key === '0') setZoomLevel(1);
    else return;
    e.preventDefault();
  };

  const onPointerDown = (e: PointerEvent<HTMLImageElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    pointers.current.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (pointers.current.size === 2) {
      const [a, b] = [...pointers.current.values()] as [{ x: number; y: number }, { x: number; y: number }];
      pinch.current = { distance: Math.hypot(a.x - b.x, a.y - b.y), zoom };
    }
  };
  const onPointerMove = (e: PointerEvent<HTMLImageElement>) => {
    const last = pointers.current.get(e.pointerId);
    if (!last) return;
    pointers.current.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (pointers.current.size === 2 && pinch.current) {
      const [a, b] = [...pointers.current.values()] as [{ x: number; y: number }, { x: number; y: number }];
      setZoomLevel((pinch.current.zoom * Math.hypot(a.x - b.x, a.y - b.y)) / pinch.current.distance);
    } else if (zoom > 1) {
      setPan((p) => ({ x: p.x + e.clientX - last.x, y: p.y + e.clientY - last.y }));
    }
  };
  const onPointerUp = (e: PointerEvent<HTMLImageElement>) => {
    pointers.current.delete(e.pointerId);
    if (pointers.current.size < 2) pinch.current = null;
  };

  const control =
    'grid size-11 place-items-center rounded-full bg-white/10 text-white transition hover:bg-white/20 focus-visible:outline-2 focus-visible:outline-white disabled:opacity-40';

  return (
    <dialog
      ref={ref}
      aria-label={t('lightbox.title')}
      data-testid="lightbox"
      onKeyDown={onKeyDown}
      onClose={() => {
        setZoomLevel(1);
        onClose();
        opener.current?.focus();
      }}
      onClick={(e) => {
        if (e.target === e.currentTarget) ref.current?.close();
      }}
      className="m-0 size-full max-h-none max-w-none overflow-hidden bg-black/95 p-0 text-white backdrop:bg-black/80"
    >
      {open && image && (
        <div className="relative flex size-full flex-col">
          <div className="flex items-center justify-between gap-2 p-3">
            <p className="px-2 text-sm text-white/80" aria-live="polite" data-testid="lightbox-position">
              {many ? t('lightbox.position', { n: index + 1, count: images.length }) : ''}
            </p>
            <div className="flex items-center gap-2">
              <button type="button" className={control} onClick={() => setZoomLevel(zoom / STEP)} disabled={zoom <= MIN_ZOOM}>
                <ZoomOutIcon />
                <span className="sr-only">{t('lightbox.zoomOut')}</span>
              </button>
              <button
                type="button"
                className={control}
                onClick={() => setZoomLevel(zoom * STEP)}
                disabled={zoom >= MAX_ZOOM}
                data-testid="lightbox-zoom-in"
              >
                <ZoomInIcon />
                <span className="sr-only">{t('lightbox.zoomIn')}</span>
              </button>
              <button type="button" className={control} onClick={() => setZoomLevel(1)} disabled={zoom === 1}>
                <ExpandIcon />
                <span className="sr-only">{t('lightbox.fit')}</span>
              </button>
              <button type="button" className={control} onClick={() => ref.current?.close()} data-testid="lightbox-close">
                <CloseIcon />
                <span className="sr-only">{t('lightbox.close')}</span>
              </button>
            </div>
          </div>
          <div className="relative flex min-h-0 flex-1 items-center justify-center overflow-hidden">
            <img
              key={image.id}
              src={image.previewUrl}
              alt={hidden ? t('imageModeration.mature.hiddenAlt') : alt}
              data-testid="lightbox-image"
              data-hidden={hidden || undefined}
              draggable={false}
              onDoubleClick={() => setZoomLevel(zoom > 1 ? 1 : 2)}
              onWheel={(e) => setZoomLevel(e.deltaY < 0 ? zoom * 1.2 : zoom / 1.2)}
              onPointerDown={onPointerDown}
              onPointerMove={onPointerMove}
              onPointerUp={onPointerUp}
              onPointerCancel={onPointerUp}
              style={{ transform: `translate(${pan.x}px, ${pan.y}px) scale(${zoom})` }}
              className={cn(
                'max-h-full max-w-full touch-none object-contain select-none',
                zoom > 1 ? 'cursor-grab active:cursor-grabbing' : 'cursor-zoom-in',
                hidden && hiddenImageClass,
              )}
            />
            {hidden && <MatureCover label={t('imageModeration.mature.show')} onReveal={() => revealed.reveal(image.id)} />}
            {many && (
              <>
                <button
                  type="button"
                  className={cn(control, 'absolute top-1/2 left-3 -translate-y-1/2')}
                  onClick={() => go(-1)}
                  data-testid="lightbox-previous"
                >
                  <ChevronLeftIcon />
                  <span className="sr-only">{t('lightbox.previous')}</span>
                </button>
                <button
                  type="button"
                  className={cn(control, 'absolute top-1/2 right-3 -translate-y-1/2')}
                  onClick={() => go(1)}
                  data-testid="lightbox-next"
                >
                  <ChevronRightIcon />
                  <span className="sr-only">{t('lightbox.next')}</span>
                </button>
              </>
            )}
          </div>
        </div>
      )}
    </dialog>
  );
}
