import { describe, expect, it } from 'vitest';
import { viewMenu } from './view-menu.ts';

const roles = (devTools: boolean) => (viewMenu({ devTools }).submenu as Array<{ role?: string }>).map((i) => i.role).filter(Boolean);

describe('View menu', () => {
  it('offers DevTools in development only', () => {
    expect(roles(true)).toContain('toggleDevTools');
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(false)).toEqual(['reload', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
  });
});
