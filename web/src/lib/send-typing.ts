/**
 * Makes React's state catch up with text already in a field (typed before the
 * page hydrated): the field gets the input events the typing would have sent.
 * The value is set through the element's own setter, first to `before` and
 * then to `typed`, so React sees a change both times. `typed` is read by the
 * caller: a change to one field re-renders its form, which puts every other
 * controlled field back to its state.
 */
export function sendTyping(field: HTMLInputElement | HTMLTextAreaElement, before: string, typed: string): void {
  const setValue = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(field), 'value')?.set;
  for (const v of [before, typed]) {
    setValue?.call(field, v);
    field.dispatchEvent(new Event('input', { bubbles: true }));
  }
}
