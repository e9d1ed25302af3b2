import { afterEach, describe, expect, it } from 'vitest';
import { cycleRegion, focusSoon, installFocusRescue, rememberFocus } from '../../../../../src-renderer/ui/a11y';

afterEach(() => {
  document.body.innerHTML = '';
});

const frames = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
};

function shell(): void {
  document.body.innerHTML = `
    <header class="title-bar"><button id="lock-now">Lock now</button></header>
    <nav><button id="nav-signin">Sign-in</button><button id="nav-terminals" aria-current="page">Terminals</button></nav>
    <main><h1 id="area-title" tabindex="-1">Terminals</h1><div class="terminal"><textarea id="term"></textarea></div><button id="other">Other</button></main>
    <footer class="status-area"><span>Ready</span></footer>`;
}

describe('focusSoon', () => {
  it('waits for a target that appears after the next render', async () => {
    shell();
    focusSoon('#later');
    const later = document.createElement('button');
    later.id = 'later';
    document.querySelector('main')!.append(later);
    await frames(2);
    expect(document.activeElement).toBe(later);
  });

  it('falls back to the area heading, never the body, when the target never comes', async () => {
    shell();
    focusSoon('#never', { frames: 2 });
    await frames(3);
    expect(document.activeElement?.id).toBe('area-title');
  });

  it('lets a heading without tabindex take focus from script', async () => {
    shell();
    const h2 = document.createElement('h2');
    document.querySelector('main')!.append(h2);
    focusSoon(() => h2);
    expect(document.activeElement).toBe(h2);
    expect(h2.getAttribute('tabindex')).toBe('-1');
  });
});

describe('rememberFocus', () => {
  it('returns focus to the opener, or to the fallback when the opener is gone', async () => {
    shell();
    const other = document.getElementById('other') as HTMLButtonElement;
    other.focus();
    const restore = rememberFocus();
    (document.activeElement as HTMLElement).blur();
    restore();
    expect(document.activeElement).toBe(other);

    other.focus();
    const again = rememberFocus();
    other.remove();
    again('#lock-now');
    await frames(4);
    expect(document.activeElement?.id).toBe('lock-now');
  });

  it('leaves focus alone when the action already moved it somewhere useful', async () => {
    shell();
    document.getElementById('other')!.focus();
    const restore = rememberFocus();
    document.getElementById('lock-now')!.focus();
    restore();
    await frames(2);
    expect(document.activeElement?.id).toBe('lock-now');
  });
});

describe('installFocusRescue', () => {
  it('moves focus to the area heading when the focused control is removed', async () => {
    shell();
    const dispose = installFocusRescue(document);
    document.getElementById('other')!.focus();
    document.getElementById('other')!.remove();
    await frames(3);
    expect(document.activeElement?.id).toBe('area-title');
    dispose();
  });

  it('moves focus to the area heading when the focused control becomes disabled', async () => {
    shell();
    const dispose = installFocusRescue(document);
    const other = document.getElementById('other') as HTMLButtonElement;
    other.focus();
    // The browser's focus fixup: a control that becomes disabled loses focus to the body.
    other.blur();
    other.disabled = true;
    await frames(3);
    expect(document.activeElement?.id).toBe('area-title');
    dispose();
  });

  it('moves focus to the area heading when the browser blurs a control only after the mutation was seen', async () => {
    shell();
    const dispose = installFocusRescue(document);
    const other = document.getElementById('other') as HTMLButtonElement;
    other.focus();
    // Chromium keeps a control that became disabled or hidden focused until its next focus fixup,
    // which comes with no DOM mutation of its own (seen in the keyboard walk after importing a
    // key). jsdom will not blur a disabled control, so `hidden` stands for the change here.
    other.hidden = true;
    await frames(2);
    other.blur();
    await frames(2);
    expect(document.activeElement?.id).toBe('area-title');
    dispose();
  });
});

describe('installFocusRescue and dialogs', () => {
  it('leaves a closing dialog to return focus to its opener', async () => {
    shell();
    const dispose = installFocusRescue(document);
    const dialog = document.createElement('dialog');
    dialog.innerHTML = '<button id="submit">Request</button>';
    document.querySelector('main')!.append(dialog);
    document.getElementById('submit')!.focus();
    dialog.remove();
    await frames(3);
    expect(document.activeElement).toBe(document.body);
    dispose();
  });
});

describe('rememberFocus with a re-rendered opener', () => {
  it('finds the opener again by its test id when a re-render replaced it', async () => {
    shell();
    const opener = document.createElement('button');
    opener.dataset.testid = 'jit-open-dialog';
    document.querySelector('main')!.append(opener);
    opener.focus();
    const restore = rememberFocus();
    opener.remove();
    const replacement = document.createElement('button');
    replacement.dataset.testid = 'jit-open-dialog';
    document.querySelector('main')!.append(replacement);
    restore();
    expect(document.activeElement).toBe(replacement);
  });
});

describe('cycleRegion (F6)', () => {
  it('goes from inside the terminal to the next region, and Shift+F6 to the current navigation item', () => {
    shell();
    document.getElementById('term')!.focus();
    // The status area has nothing to focus, so F6 wraps to the title bar.
    expect(cycleRegion(document, 1)?.id).toBe('lock-now');
    document.getElementById('term')!.focus();
    expect(cycleRegion(document, -1)?.id).toBe('nav-terminals');
    expect(cycleRegion(document, 1)?.id).toBe('area-title');
  });
});
