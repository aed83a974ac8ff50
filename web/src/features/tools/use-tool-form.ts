import { useMemo, useState } from 'react';
import type { Model } from '../../api/contracts.js';
import { useQuote } from '../create/use-quote.js';
import { type ImageTool, isComplete, offersFor, type ToolDraft, type ToolSource, toolBody } from './tool-offers.js';

const emptyDraft: ToolDraft = {
  prompt: '',
  negativePrompt: '',
  strength: null,
  factor: null,
  aspectRatio: null,
  count: 1,
  masked: false,
};

/**
 * The Tools form's state for one tool: the model (among those offering it),
 * what the user set, the body that would be sent and the server's quote for it.
 */
export function useToolForm(models: Model[], tool: ImageTool, source: ToolSource, masked: boolean) {
  const offers = useMemo(() => offersFor(models, tool), [models, tool]);
  const [modelId, setModelId] = useState<string | null>(null);
  const [draft, setDraft] = useState<ToolDraft>(emptyDraft);
  const picked = offers.find((o) => o.model.id === modelId) ?? offers[0];
  const full = { ...draft, masked };
  const body = picked && isComplete(tool, full) ? toolBody(tool, picked.model, picked.offer, source, full) : null;
  const quote = useQuote(body);
  const update = (patch: Partial<ToolDraft>) => setDraft((d) => ({ ...d, ...patch }));
  // The figure until the server answers: the offer's price per run, doubled for ×4 as the catalog prices it.
  const estimate = picked
    ? picked.offer.cost * (tool === 'upscale' && (draft.factor ?? picked.offer.factors[0]) === 4 ? 2 : 1) * draft.count
    : 0;
  return { offers, picked, setModelId, draft, update, body, quote, estimate };
}
