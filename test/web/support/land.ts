import type { Page } from 'playwright-core';

/** A filing typed through the steps of the app's form (saisine, parties, land with the picker, review). */
export interface Filing {
  filedOn?: string;
  disputeType?: string;
  summary: string;
  parties: { name: string; sex?: 'F' | 'M'; ageGroup?: string; role?: string; group?: number }[];
  /** What is typed in the place picker, and the code of the place then chosen. */
  place: { typed: string; code: string };
  description: string;
}

/** `2099-01-15` as a person types it in the app's date fields: `15/01/2099`. */
export function typed(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** Fills the steps and presses "Enregistrer" on the last one (the page is on `#/land/cases/new`). */
export async function fileThroughSteps(page: Page, f: Filing): Promise<void> {
  const form = page.getByTestId('file-case');
  await form.waitFor();
  const next = async (step: string) => {
    await page.getByTestId('next').click();
    await page.locator(`[data-testid="wizard-step"][data-step="${step}"]`).waitFor();
  };
  if (f.filedOn) await page.locator('[name="filedOn"]').fill(typed(f.filedOn));
  if (f.disputeType) await page.locator('[name="disputeType"]').selectOption(f.disputeType);
  await page.locator('[name="summary"]').fill(f.summary);
  await next('parties');
  for (const [i, p] of f.parties.entries()) {
    if (i >= 2) await page.getByTestId('add-party').click();
    if (p.role) await page.locator(`[name="parties[${i}].role"]`).selectOption(p.role);
    if (p.group !== undefined) await page.locator(`[name="parties[${i}].kind"]`).selectOption('group');
    await page.locator(`[name="parties[${i}].name"]`).fill(p.name);
    if (p.sex) await page.locator(`[name="parties[${i}].sex"]`).selectOption(p.sex);
    if (p.ageGroup) await page.locator(`[name="parties[${i}].ageGroup"]`).selectOption(p.ageGroup);
    if (p.group !== undefined) await page.locator(`[name="parties[${i}].memberCount"]`).fill(String(p.group));
  }
  await next('land');
  await page.getByTestId('place-search').fill(f.place.typed);
  await page.locator(`[data-testid="place-choices"] button[data-code="${f.place.code}"]`).click();
  await page.getByTestId('place-chosen').waitFor();
  await page.locator('[name="land.description"]').fill(f.description);
  await next('review');
  await page.getByTestId('save').click();
}
