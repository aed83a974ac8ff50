import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../api/query-keys.js';
import { createWebhook, deleteWebhook, listWebhookDeliveries, listWebhooks, resendWebhookDelivery } from '../../api/webhooks.js';

/** The user's webhook endpoints. */
export function useWebhooks() {
  return useQuery({ queryKey: queryKeys.webhooks, queryFn: listWebhooks });
}

/** Adds an endpoint; the caller shows the secret from the answer (it is never shown again). */
export function useCreateWebhook() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: createWebhook, onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.webhooks }) });
}

export function useDeleteWebhook() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: deleteWebhook, onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.webhooks }) });
}

/** An endpoint's recent deliveries; polled while one is still pending, so a re-send's outcome shows up by itself. */
export function useWebhookDeliveries(endpointId: string) {
  return useQuery({
    queryKey: queryKeys.webhookDeliveries(endpointId),
    queryFn: () => listWebhookDeliveries(endpointId),
    refetchInterval: (q) => (q.state.data?.deliveries.some((d) => d.status === 'pending') ? 3000 : false),
  });
}

export function useResendDelivery(endpointId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (deliveryId: string) => resendWebhookDelivery(endpointId, deliveryId),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: queryKeys.webhookDeliveries(endpointId) });
      void qc.invalidateQueries({ queryKey: queryKeys.webhooks });
    },
  });
}
