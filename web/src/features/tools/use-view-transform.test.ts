import { describe, expect, it } from 'vitest';
import { clampView, zoomAt } from './use-view-transform.js';

describe('mask editor zoom and pan', () => {
  it('zooms about a point, which stays where it was on screen', () => {
    const v = zoomAt({ zoom: 1, x: 0, y: 0 }, 2, 100, 50);
    expect(v).toEqual({ zoom: 2, x: -100, y: -50 });
    // The image point under (100, 50) before: (100, 50); after: (100 - x) / zoom = 100.
    expect((100 - v.x) / v.zoom).toBe(100);
  });

  it('keeps the image covering the viewport and the zoom between ×1 and ×8', () => {
    expect(clampView({ zoom: 2, x: 50, y: -500 }, 200, 200)).toEqual({ zoom: 2, x: 0, y: -200 });
    expect(clampView({ zoom: 0.5, x: -30, y: 10 }, 200, 200)).toEqual({ zoom: 1, x: 0, y: 0 });
    expect(clampView({ zoom: 20, x: 0, y: 0 }, 200, 200).zoom).toBe(8);
  });
});
