// The accessibility audit the browser tests run on a page or a frame: controls without an
// accessible name, and text below WCAG AA contrast (4.5:1, 3:1 for large text) against what is
// really behind it (the project's own checks), and the serious and critical violations axe-core
// (the third-party engine, pinned in package.json) finds on what is shown.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Frame, Page } from 'playwright-core';

export interface Audit {
  unnamed: string[];
  lowContrast: string[];
  /** axe-core's serious and critical violations: "rule-id (impact): selector — summary". */
  axe: string[];
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's violations of impact serious or critical on `target` (injected through the DevTools protocol, so the page's CSP does not stop it). */
export async function axeViolations(target: Page | Frame): Promise<string[]> {
  if (!(await target.evaluate(() => 'axe' in window))) await target.evaluate(axeSource);
  return target.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const { violations } = await axe.run(document, { resultTypes: ['violations'] });
    return violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .flatMap((violation) => violation.nodes.map((node) => `${violation.id} (${violation.impact}): ${node.target.map(String).join(' ')} — ${violation.help}`));
  });
}

/** Controls without a name and text below AA contrast (in the page), and axe-core's serious and critical violations. */
export async function audit(target: Page | Frame): Promise<Audit> {
  return { ...(await ownAudit(target)), axe: await axeViolations(target) };
}

function ownAudit(target: Page | Frame): Promise<Omit<Audit, 'axe'>> {
  return target.evaluate(() => {
    const visible = (element: Element) => {
      const box = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && style.display !== 'none';
    };
    const describe = (element: Element) => `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}[${element.getAttribute('data-testid') ?? element.className}] "${(element.textContent ?? '').trim().slice(0, 30)}"`;
    const nameOf = (element: Element): string => {
      const labelledBy = element.getAttribute('aria-labelledby');
      if (labelledBy) return labelledBy.split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' ').trim();
      const label = element.getAttribute('aria-label') ?? element.getAttribute('title') ?? (element instanceof HTMLImageElement ? element.alt : null);
      if (label?.trim()) return label.trim();
      if (element.id) {
        const forLabel = document.querySelector(`label[for="${CSS.escape(element.id)}"]`);
        if (forLabel?.textContent?.trim()) return forLabel.textContent.trim();
      }
      const wrapping = element.closest('label');
      if (wrapping?.textContent?.trim()) return wrapping.textContent.trim();
      if (element instanceof HTMLInputElement && (element.type === 'submit' || element.type === 'button')) return element.value;
      return element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement ? '' : (element.textContent ?? '').trim();
    };
    const controls = [...document.querySelectorAll('button, a[href], input:not([type="hidden"]), select, textarea, img, [role="option"], [role="menuitem"], [role="dialog"], [role="log"], [role="listbox"]')];
    const unnamed = controls.filter((element) => visible(element) && !(element as HTMLElement).hidden && element.getAttribute('aria-hidden') !== 'true' && !nameOf(element)).map(describe);

    const parse = (colour: string): [number, number, number, number] => {
      const match = colour.match(/[\d.]+/g)?.map(Number) ?? [0, 0, 0, 1];
      return [match[0]!, match[1]!, match[2]!, match[3] ?? 1];
    };
    const luminance = ([r, g, b]: number[]) => {
      const channel = (value: number) => {
        const c = value / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r!) + 0.7152 * channel(g!) + 0.0722 * channel(b!);
    };
    const background = (element: Element | null): number[] => {
      for (let node = element; node; node = node.parentElement) {
        const [r, g, b, a] = parse(getComputedStyle(node).backgroundColor);
        if (a > 0.5) return [r, g, b];
      }
      return [255, 255, 255];
    };
    const lowContrast: string[] = [];
    for (const element of document.querySelectorAll('body *')) {
      if (!visible(element)) continue;
      const ownText = [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent!.trim().length > 0);
      if (!ownText) continue;
      const style = getComputedStyle(element);
      if (Number(style.opacity) < 1 || (element as HTMLButtonElement).disabled) continue;
      const [r, g, b, a] = parse(style.color);
      const back = background(element);
      const fore = [r * a + back[0]! * (1 - a), g * a + back[1]! * (1 - a), b * a + back[2]! * (1 - a)];
      const [l1, l2] = [luminance(fore), luminance(back)].sort((x, y) => y - x);
      const ratio = (l1! + 0.05) / (l2! + 0.05);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5)) lowContrast.push(`${describe(element)} ${ratio.toFixed(2)}:1`);
    }
    return { unnamed, lowContrast };
  });
}
