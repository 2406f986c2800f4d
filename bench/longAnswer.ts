/**
 * The long answer of the render rows: about 1 MB in 10k chunks of 100 characters — half prose (paragraphs,
 * lists, a few short closed code blocks), then one long TypeScript block that stays open until the last chunk.
 */
export const LONG_ANSWER_CHARS = 1_000_000;
export const LONG_ANSWER_CHUNKS = 10_000;

function prose(chars: number): string {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < chars; i++) {
    const part =
      i % 9 === 4
        ? `\`\`\`ts\nexport function helper${i}(xs: number[]): number {\n  return xs.reduce((a, b) => a + b, ${i});\n}\n\`\`\`\n\n`
        : i % 5 === 2
          ? `- step ${i}: check the \`bound\` of the loop;\n- step ${i + 1}: keep **limit** as it is;\n\n`
          : `Paragraph ${i}: the loop reads one element past the end, so \`i <= items.length\` becomes \`i < items.length\` and the [docs](https://example.com/${i}) agree.\n\n`;
    parts.push(part);
    length += part.length;
  }
  return parts.join('');
}

function openCode(chars: number): string {
  const lines: string[] = ['Here is the whole file:', '', '```typescript'];
  let length = 0;
  for (let i = 0; length < chars; i++) {
    const line = i % 8 === 0 ? `export function step${i}(items: readonly number[], limit = ${i}): number[] {` : i % 8 === 7 ? '}' : `  const v${i} = items.filter((n) => n > ${i}).slice(0, limit); // keep ${i}`;
    lines.push(line);
    length += line.length + 1;
  }
  return lines.join('\n');
}

/** The answer; the code block closes with the very last characters. */
export function longAnswer(chars = LONG_ANSWER_CHARS): string {
  const closing = '\n```\n';
  const body = prose(chars / 2) + openCode(chars / 2);
  return body.slice(0, chars - closing.length) + closing;
}

export function chunksOf(text: string, count: number): string[] {
  const size = Math.ceil(text.length / count);
  return Array.from({ length: count }, (_, i) => text.slice(i * size, (i + 1) * size));
}
