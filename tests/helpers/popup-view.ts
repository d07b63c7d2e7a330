/**
 * Drives a rendered popup (testing-library, happy-dom) by the words of the spec (ui.md): a field
 * by its label, a button by its name, an option by its label. The e2e tests drive the built
 * popup by the same words (tests/e2e/popup-driver.ts).
 */
import { fireEvent, screen } from '@testing-library/preact';

/** The form control labelled exactly `label` (not a button or a heading with the same words). */
export const field = (label: string): HTMLElement =>
  screen.getByLabelText(label, { exact: true, selector: 'input, select, textarea' });

export const type = (label: string, value: string): void => {
  fireEvent.input(field(label), { target: { value } });
};

export const click = (name: string): void => {
  fireEvent.click(screen.getByRole('button', { name }));
};

/** Picks the option shown as `option` in the select labelled `label`. */
export function chooseOption(label: string, option: string): void {
  const select = field(label) as HTMLSelectElement;
  const match = [...select.options].find((o) => o.textContent === option);
  if (!match) throw new Error(`"${label}" has no option "${option}"`);
  fireEvent.change(select, { target: { value: match.value } });
}

/** Puts `file` in the file input labelled `label`, as a person choosing it would. */
export function chooseFile(label: string, file: File): void {
  const input = field(label) as HTMLInputElement;
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  fireEvent.change(input);
}

/** A JSON file to choose, named `name`. */
export const jsonFile = (text: string, name = 'backup.json'): File =>
  new File([text], name, { type: 'application/json' });
