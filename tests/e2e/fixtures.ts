// Every spec's `test`: the page's goto also waits until React has hydrated the page (the overview's first
// chart comes with the HTML, before its click handlers), so a test never clicks a chart that cannot answer.
import { test as base, expect } from '@playwright/test';

export const test = base.extend({
  page: async ({ page }, use) => {
    const goto = page.goto.bind(page);
    page.goto = async (url, options) => {
      const response = await goto(url, options);
      if (response?.ok()) await page.locator('html[data-hydrated="true"]').waitFor({ state: 'attached' });
      return response;
    };
    await use(page);
  },
});

export { expect };
