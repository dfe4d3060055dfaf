import { createInterface } from 'node:readline/promises';
import type { Category } from '../data/schema.js';

export interface CategoryChoice {
  id: string;
  name: string;
  depth: number;
}

/** Every category of categories.yaml, depth first, as the README lists them. */
export function categoryChoices(categories: readonly Category[], depth = 0): CategoryChoice[] {
  return categories.flatMap((category) => [
    { id: category.id, name: category.name.en, depth },
    ...categoryChoices(category.children ?? [], depth + 1),
  ]);
}

/** "  1. survey-technical-report  (Survey & Technical Report)", children indented under their parent. */
export function formatCategoryList(choices: readonly CategoryChoice[]): string {
  const width = Math.max(...choices.map((c) => c.id.length + 2 * c.depth));
  const number = String(choices.length).length;
  return choices
    .map((c, i) => `  ${String(i + 1).padStart(number)}. ${`${'  '.repeat(c.depth)}${c.id}`.padEnd(width)}  (${c.name})\n`)
    .join('');
}

/** An id, or the number of a choice as listed. */
export function resolveCategory(answer: string, choices: readonly CategoryChoice[]): string | undefined {
  const text = answer.trim();
  if (/^\d+$/.test(text)) return choices[Number(text) - 1]?.id;
  return choices.find((c) => c.id === text)?.id;
}

export type Input = NodeJS.ReadableStream & { isTTY?: boolean };

/**
 * Ask for a category on a terminal: the list, then a line with a number or an id, asked again
 * until it names one. Undefined when the input ends first (Ctrl-D). The prompt goes to `write`
 * (stderr), so stdout keeps only the command's report.
 */
export async function promptCategory(input: Input, write: (text: string) => unknown, choices: readonly CategoryChoice[]): Promise<string | undefined> {
  write(`Which category? The categories in data/categories.yaml:\n${formatCategoryList(choices)}Category (number or id): `);
  const lines = createInterface({ input, terminal: false });
  try {
    for await (const line of lines) {
      const id = resolveCategory(line, choices);
      if (id !== undefined) return id;
      write(`"${line.trim()}" is not one of them; give a number from 1 to ${choices.length}, or an id: `);
    }
    return undefined;
  } finally {
    lines.close();
  }
}
