import { describe, expect, it } from 'vitest';
import { clear, emptyHistory, hasPaint, push, redo, type Stroke, toSource, undo, visibleStrokes } from './mask-strokes.js';

const paint = (x: number): Stroke => ({ kind: 'paint', size: 10, points: [[x, x]] });
const erase: Stroke = { kind: 'erase', size: 10, points: [[1, 1]] };

describe('mask history', () => {
  it('undoes and redoes whole strokes, and a new stroke drops the redo branch', () => {
    let h = push(push(emptyHistory, paint(1)), paint(2));
    h = undo(h);
    expect(visibleStrokes(h)).toEqual([paint(1)]);
    expect(visibleStrokes(redo(h))).toEqual([paint(1), paint(2)]);
    h = push(h, paint(3));
    expect(h.undone).toEqual([]);
    expect(redo(h)).toBe(h);
    expect(undo(undo(undo(undo(h))))).toEqual({ done: [], undone: [paint(3), paint(1)] });
  });

  it('clear hides what came before and is itself undoable; clearing nothing is no step', () => {
    const h = clear(push(emptyHistory, paint(1)));
    expect(visibleStrokes(h)).toEqual([]);
    expect(hasPaint(h)).toBe(false);
    expect(visibleStrokes(undo(h))).toEqual([paint(1)]);
    expect(clear(h)).toBe(h);
    expect(clear(emptyHistory)).toBe(emptyHistory);
  });

  it('counts only paint as something to change', () => {
    expect(hasPaint(push(emptyHistory, erase))).toBe(false);
    expect(hasPaint(push(push(emptyHistory, erase), paint(2)))).toBe(true);
  });
});

describe('toSource', () => {
  const natural = { width: 1024, height: 512 };
  it('maps a point on the displayed (zoomed) box to source pixels', () => {
    const box = { left: 100, top: 50, width: 512, height: 256 };
    expect(toSource({ x: 100, y: 50 }, box, natural)).toEqual([0, 0]);
    expect(toSource({ x: 356, y: 178 }, box, natural)).toEqual([512, 256]);
    // Zoomed in ×4: the same image spans four times the box.
    expect(toSource({ x: 612, y: 306 }, { ...box, width: 2048, height: 1024 }, natural)).toEqual([256, 128]);
  });
  it('clamps points dragged off the image to its edge', () => {
    expect(toSource({ x: -50, y: 9999 }, { left: 0, top: 0, width: 100, height: 100 }, natural)).toEqual([0, 512]);
  });
});
