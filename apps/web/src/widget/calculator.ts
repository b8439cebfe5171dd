// The dealer's embeddable payment calculator: plain TypeScript and the DOM, no framework, so the
// bundle stays a few kilobytes. Two ways in:
//   <script src="https://lender/widget/calculator.js" data-widget-id="…"></script>
//     renders the calculator right after the script tag (or into data-target="#selector"; optional
//     data-lang="en", data-price="175800", data-category="new-nev"),
//     inside a shadow root so the dealer's CSS and ours never meet;
//   <iframe src="https://lender/widget/calculator.html?widget=…"></iframe>
//     the same calculator on a page of its own.
// It calls only the public widget API (GET /api/widget/{id}, POST /api/widget/{id}/quote): no sign-in.
import type { QuoteVehicleCategory, WidgetConfig, WidgetOffer, WidgetQuoteRequest, WidgetQuoteResponse } from '@autofin/contracts';
import { formatMoney } from '../ui/format.ts';
import { normaliseAmount, percentOfAmount } from '../modules/quotes/money.ts';
import { widgetCss } from './widget.css.ts';
import { widgetText, type WidgetLocale } from './widget.i18n.ts';

export interface MountOptions {
  widgetId: string;
  /** The lender's origin the API lives on; default: where calculator.js was loaded from. */
  apiBase: string;
  locale?: WidgetLocale;
  /** Starting vehicle price in yuan. */
  price?: string;
  /** Starting vehicle category, when the dealer sells it. */
  category?: string;
}

class HttpError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

async function call<T>(url: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    mode: 'cors',
    credentials: 'omit',
    signal,
  });
  if (!response.ok) throw new HttpError(response.status);
  return (await response.json()) as T;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<Record<string, string>> = {}, ...children: (Node | string | null)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined) continue;
    if (key === 'class') node.className = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child !== null) node.append(child);
  return node;
}

const groupDigits = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** Renders the calculator into `host` (in a shadow root); returns a function that removes it. */
export function mount(host: HTMLElement, options: MountOptions): () => void {
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  root.replaceChildren();
  const style = document.createElement('style');
  style.textContent = widgetCss;
  const frame = el('div', { class: 'af', 'data-testid': 'autofin-widget', lang: 'zh-CN' });
  root.append(style, frame);

  const base = options.apiBase.replace(/\/$/, '');
  const id = encodeURIComponent(options.widgetId);
  const state = {
    locale: options.locale ?? ('zh' as WidgetLocale),
    config: null as WidgetConfig | null,
    category: null as QuoteVehicleCategory | null,
    price: normaliseAmount(options.price ?? '200000') ?? '200000.00',
    percent: 30,
    term: 36,
    ageMonths: 36,
    mileageKm: 60000,
    result: null as WidgetQuoteResponse | null,
    status: 'loading' as 'loading' | 'ready' | 'quoting' | 'error',
    error: null as string | null,
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inflight: AbortController | null = null;
  let disposed = false;

  const text = () => widgetText[state.locale];

  function errorText(error: unknown): string {
    if (error instanceof HttpError) {
      if (error.status === 429) return text().tooMany;
      if (error.status === 404) return text().notFound;
      if (error.status === 422) return text().noOffer;
    }
    return text().failed;
  }

  function downPayment(): string | null {
    return percentOfAmount(state.price, String(state.percent));
  }

  function scheduleQuote(delay = 300) {
    clearTimeout(timer);
    timer = setTimeout(() => void quote(), delay);
  }

  async function quote() {
    const config = state.config;
    const down = downPayment();
    if (!config || !down || state.price === '0.00') return;
    inflight?.abort();
    const controller = new AbortController();
    inflight = controller;
    state.status = 'quoting';
    renderResult();
    const body: WidgetQuoteRequest = { vehicleCategory: state.category ?? undefined, vehiclePrice: state.price, downPayment: down, term: state.term };
    if (state.category === 'used') Object.assign(body, { ageMonths: state.ageMonths, mileageKm: state.mileageKm });
    try {
      const result = await call<WidgetQuoteResponse>(`${base}/api/widget/${id}/quote`, body, controller.signal);
      if (controller !== inflight || disposed) return;
      state.result = result;
      state.status = 'ready';
      state.error = null;
    } catch (error) {
      if (controller.signal.aborted || disposed) return;
      state.result = null;
      state.status = 'error';
      state.error = errorText(error);
    }
    renderResult();
  }

  // ----- rendering -----
  const resultBox = el('div', { class: 'af__result', 'aria-live': 'polite', 'data-testid': 'widget-result' });
  const others = el('div', { class: 'af__others' });
  const small = el('div', { class: 'af__small' });

  function offerFigures(offer: WidgetOffer, result: WidgetQuoteResponse, index: number): HTMLElement {
    const t = text();
    const badges: HTMLElement[] = [];
    if (result.lowestTotalCost === index) badges.push(el('span', { class: 'af__badge' }, t.lowestTotal));
    if (result.lowestMonthlyPayment === index) badges.push(el('span', { class: 'af__badge af__badge--blue' }, t.lowestMonthly));
    if (offer.promotion) badges.push(el('span', { class: 'af__badge af__badge--promo' }, state.locale === 'zh' ? offer.promotion.zh : offer.promotion.en));
    return el(
      'div',
      { 'data-testid': 'widget-offer', 'data-product': offer.productCode },
      el(
        'div',
        { class: 'af__figures' },
        el('div', { class: 'af__figure' }, el('span', {}, t.monthly), el('strong', { 'data-testid': 'widget-monthly' }, formatMoney(offer.monthlyPayment))),
        el('div', { class: 'af__figure af__figure--apr' }, el('span', {}, t.apr), el('strong', { 'data-testid': 'widget-apr' }, `${offer.apr}%`)),
      ),
      el(
        'div',
        { class: 'af__meta' },
        el('span', {}, `${t.totalCost} `, el('b', { 'data-testid': 'widget-total-cost' }, formatMoney(offer.totalCost))),
        el('span', {}, `${t.fees} `, el('b', {}, formatMoney(offer.totalFees))),
        el('span', {}, `${t.downPaymentAmount} `, el('b', {}, formatMoney(offer.downPayment))),
      ),
      el('div', { class: 'af__product' }, state.locale === 'zh' ? offer.productName.zh : offer.productName.en, ...badges),
    );
  }

  function renderResult() {
    const t = text();
    const result = state.result;
    others.replaceChildren();
    small.replaceChildren();
    if (state.status === 'error') {
      resultBox.replaceChildren(el('div', { class: 'af__message af__message--error', role: 'alert' }, state.error ?? t.failed));
      return;
    }
    if (!result) {
      resultBox.replaceChildren(el('div', { class: 'af__message' }, state.status === 'ready' ? t.enterPrice : t.loading));
      return;
    }
    resultBox.setAttribute('aria-busy', state.status === 'quoting' ? 'true' : 'false');
    if (result.offers.length === 0) {
      resultBox.replaceChildren(el('div', { class: 'af__message' }, t.noOffer));
      return;
    }
    const mainIndex = result.lowestTotalCost ?? 0;
    const main = result.offers[mainIndex] ?? result.offers[0];
    if (!main) return;
    resultBox.replaceChildren(offerFigures(main, result, mainIndex));
    const rest = result.offers.filter((o) => o !== main).slice(0, 3);
    if (rest.length) {
      others.append(el('div', { class: 'af__others-title' }, t.others));
      for (const o of rest) {
        others.append(
          el(
            'div',
            { class: 'af__other' },
            el('span', {}, state.locale === 'zh' ? o.productName.zh : o.productName.en),
            el('span', {}, `${t.monthly} `, el('b', {}, formatMoney(o.monthlyPayment))),
            el('span', {}, `${t.apr} `, el('b', {}, `${o.apr}%`)),
          ),
        );
      }
    }
    small.append(
      el('div', { 'data-testid': 'widget-disclosure' }, state.locale === 'zh' ? main.disclosure.zh : main.disclosure.en),
      el('div', {}, state.locale === 'zh' ? result.note.zh : result.note.en),
    );
  }

  function render() {
    const t = text();
    const config = state.config;
    frame.setAttribute('lang', state.locale === 'zh' ? 'zh-CN' : 'en');
    const langButton = (value: WidgetLocale, label: string) => {
      const button = el('button', { type: 'button', 'aria-pressed': String(state.locale === value), 'data-testid': `widget-lang-${value}` }, label);
      button.addEventListener('click', () => {
        state.locale = value;
        render();
      });
      return button;
    };
    const head = el(
      'div',
      { class: 'af__head' },
      el('div', {}, el('p', { class: 'af__title' }, t.title), el('div', { class: 'af__dealer' }, config?.dealerName ?? '')),
      el('div', { class: 'af__lang', role: 'group', 'aria-label': 'Language / 语言' }, langButton('zh', '中文'), langButton('en', 'EN')),
    );
    if (!config) {
      frame.replaceChildren(head, resultBox);
      renderResult();
      return;
    }

    const body = el('div', { class: 'af__body' });
    if (config.vehicleCategories.length > 1) {
      const select = el('select', { 'aria-label': t.category, 'data-testid': 'widget-category' });
      for (const c of config.vehicleCategories) {
        const option = el('option', { value: c }, t.categories[c]);
        if (c === state.category) option.selected = true;
        select.append(option);
      }
      select.addEventListener('change', () => {
        state.category = select.value as QuoteVehicleCategory;
        render();
        scheduleQuote(0);
      });
      body.append(el('label', { class: 'af__field' }, el('span', { class: 'af__label' }, t.category), select));
    }

    const price = el('input', { type: 'text', inputmode: 'decimal', value: groupDigits(state.price.replace(/\.00$/, '')), 'aria-label': t.price, 'data-testid': 'widget-price' });
    price.addEventListener('input', () => {
      const amount = normaliseAmount(price.value.replace(/[,\s¥]/g, '') || '0');
      if (amount) {
        state.price = amount;
        updateDown();
        scheduleQuote();
      }
    });
    body.append(el('label', { class: 'af__field' }, el('span', { class: 'af__label' }, t.price), price));

    const min = Math.ceil(Number(config.minDownPaymentPercent) || 0);
    const range = el('input', { type: 'range', min: String(min), max: '90', step: '1', value: String(state.percent), 'aria-label': t.downPayment, 'data-testid': 'widget-down' });
    const downLabel = el('b', {});
    const updateDown = () => {
      const down = downPayment();
      downLabel.textContent = `${state.percent}% · ${down ? formatMoney(down) : '–'}`;
    };
    range.addEventListener('input', () => {
      state.percent = Number(range.value);
      updateDown();
      scheduleQuote();
    });
    updateDown();
    body.append(el('label', { class: 'af__field' }, el('span', { class: 'af__label' }, t.downPayment, downLabel), range));

    if (state.category === 'used') {
      const age = el('input', { type: 'number', min: '0', max: '600', value: String(state.ageMonths), 'aria-label': t.ageMonths });
      const mileage = el('input', { type: 'number', min: '0', max: '2000000', step: '1000', value: String(state.mileageKm), 'aria-label': t.mileageKm });
      age.addEventListener('input', () => {
        state.ageMonths = Math.max(0, Math.min(600, Math.round(Number(age.value) || 0)));
        scheduleQuote();
      });
      mileage.addEventListener('input', () => {
        state.mileageKm = Math.max(0, Math.min(2_000_000, Math.round(Number(mileage.value) || 0)));
        scheduleQuote();
      });
      body.append(
        el(
          'div',
          { class: 'af__row' },
          el('label', { class: 'af__field' }, el('span', { class: 'af__label' }, t.ageMonths), age),
          el('label', { class: 'af__field' }, el('span', { class: 'af__label' }, t.mileageKm), mileage),
        ),
      );
    }

    const terms = el('div', { class: 'af__terms', role: 'group', 'aria-label': t.term });
    for (const n of config.terms) {
      const button = el('button', { type: 'button', 'aria-pressed': String(n === state.term), 'data-term': String(n) }, t.months.replace('{n}', String(n)));
      button.addEventListener('click', () => {
        state.term = n;
        for (const b of terms.querySelectorAll('button')) b.setAttribute('aria-pressed', String(b.getAttribute('data-term') === String(n)));
        scheduleQuote(0);
      });
      terms.append(button);
    }
    body.append(el('div', { class: 'af__field' }, el('span', { class: 'af__label' }, t.term), terms));

    frame.replaceChildren(head, body, resultBox, others, small, el('div', { class: 'af__foot' }, `${t.poweredBy} · autofin`));
    renderResult();
  }

  render();
  call<WidgetConfig>(`${base}/api/widget/${id}`)
    .then((config) => {
      if (disposed) return;
      state.config = config;
      state.category = config.vehicleCategories.find((c) => c === options.category) ?? config.vehicleCategories[0] ?? null;
      const percent = Math.round(Number(config.defaultDownPaymentPercent));
      state.percent = Number.isFinite(percent) ? Math.max(percent, Math.ceil(Number(config.minDownPaymentPercent) || 0)) : 30;
      state.term = config.terms.includes(36) ? 36 : (config.terms[Math.floor(config.terms.length / 2)] ?? 36);
      state.status = 'ready';
      render();
      scheduleQuote(0);
    })
    .catch((error: unknown) => {
      if (disposed) return;
      state.status = 'error';
      state.error = errorText(error);
      render();
    });

  return () => {
    disposed = true;
    clearTimeout(timer);
    inflight?.abort();
    root.replaceChildren();
  };
}

/** Script-tag and iframe start-up: mounts wherever the page asked for the calculator. */
function autoMount(): void {
  const script = document.currentScript instanceof HTMLScriptElement ? document.currentScript : null;
  const scriptUrl = script?.src ? new URL(script.src, window.location.href) : null;
  const apiBase = script?.dataset.apiBase ?? (scriptUrl ? scriptUrl.origin : window.location.origin);
  const lang = (value: string | null | undefined): WidgetLocale | undefined => (value === 'en' || value === 'en-US' ? 'en' : value === 'zh' || value === 'zh-CN' ? 'zh' : undefined);

  const widgetId = script?.dataset.widgetId;
  if (script && widgetId) {
    const target = script.dataset.target ? document.querySelector<HTMLElement>(script.dataset.target) : null;
    // A tag of its own, so the dealer's element rules (div { … }) do not reach the host.
    const host = target ?? document.createElement('autofin-calculator');
    if (!target) script.after(host);
    mount(host, { widgetId, apiBase, locale: lang(script.dataset.lang), price: script.dataset.price, category: script.dataset.category });
    return;
  }
  // The iframe page: calculator.html?widget=<id>[&lang=en][&price=…]
  const params = new URLSearchParams(window.location.search);
  const fromQuery = params.get('widget');
  if (fromQuery) {
    const host = document.getElementById('autofin-calculator') ?? document.body.appendChild(document.createElement('div'));
    mount(host, { widgetId: fromQuery, apiBase, locale: lang(params.get('lang')), price: params.get('price') ?? undefined, category: params.get('category') ?? undefined });
  }
}

autoMount();
