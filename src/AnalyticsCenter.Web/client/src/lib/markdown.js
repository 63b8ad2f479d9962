// The little Markdown the data dictionary's words use (`code`, **strong**, *emphasis*), as elements: never as markup.
import { h } from './dom.js';

const inline = /(`[^`]+`|\*\*[^*]+\*\*|\*[^*]+\*)/;

export function markdown(text) {
  return String(text ?? '').split(inline).filter((part) => part !== '').map((part) => {
    if (part.startsWith('`') && part.endsWith('`') && part.length > 1) return h('code', {}, part.slice(1, -1));
    if (part.startsWith('**') && part.endsWith('**') && part.length > 3) return h('strong', {}, part.slice(2, -2));
    if (part.startsWith('*') && part.endsWith('*') && part.length > 1) return h('em', {}, part.slice(1, -1));
    return part;
  });
}
