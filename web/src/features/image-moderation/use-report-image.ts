import { useMutation } from '@tanstack/react-query';
import { reportImage } from '../../api/moderation.js';

/** Reports one of the user's images to the operators (POST /api/images/:id/report). Not retried: a second click sends a second report. */
export function useReportImage() {
  return useMutation({ mutationFn: reportImage });
}
