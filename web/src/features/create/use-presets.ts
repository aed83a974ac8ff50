import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PresetSettings, PresetsResponse, UserPreset } from '../../api/contracts.js';
import { presetsQuery } from '../../api/first-queries.js';
import {
  clearPromptHistory,
  createPreset,
  deletePreset,
  deletePromptHistoryEntry,
  getPromptHistory,
  updatePreset,
} from '../../api/presets.js';
import { queryKeys } from '../../api/query-keys.js';

/** The built-in presets and the user's own (the built-in ones change only with the server's configuration). */
export const usePresets = () => useQuery(presetsQuery);

/** Save, rename, change and delete the user's presets; the list is updated from each answer. */
export function usePresetMutations() {
  const qc = useQueryClient();
  const put = (f: (presets: UserPreset[]) => UserPreset[]) =>
    qc.setQueryData<PresetsResponse>(queryKeys.presets, (d) =>
      d ? { ...d, presets: f(d.presets).sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' })) } : d,
    );
  const create = useMutation({
    mutationFn: (input: { name: string; settings: PresetSettings }) => createPreset(input),
    onSuccess: (p) => put((all) => [...all, p]),
  });
  const update = useMutation({
    mutationFn: (input: { id: string; name?: string; settings?: PresetSettings }) =>
      updatePreset(input.id, { name: input.name, settings: input.settings }),
    onSuccess: (p) => put((all) => all.map((x) => (x.id === p.id ? p : x))),
  });
  const remove = useMutation({
    mutationFn: (id: string) => deletePreset(id),
    onSuccess: (_, id) => put((all) => all.filter((x) => x.id !== id)),
  });
  return { create, update, remove };
}

/** The prompt history, searched on the server; asked for only while the panel is open. */
export function usePromptHistory(q: string, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.promptHistory(q.trim()),
    queryFn: () => getPromptHistory(q),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function usePromptHistoryMutations() {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: ['prompt-history'] });
  return {
    remove: useMutation({ mutationFn: deletePromptHistoryEntry, onSuccess: refresh }),
    clear: useMutation({ mutationFn: clearPromptHistory, onSuccess: refresh }),
  };
}
