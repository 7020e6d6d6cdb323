/** Highlight colours, apart from the annotation schemas (annotation.ts) so the renderer can use them without zod. */
export const COLOURS = ['yellow', 'green', 'blue', 'pink', 'orange'] as const;
export type Colour = (typeof COLOURS)[number];
