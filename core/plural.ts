/** "1 annotation", "2 annotations": a count with its noun, the plural given where adding "s" is wrong ("1 match", "2 matches"). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
