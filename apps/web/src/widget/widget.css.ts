// The calculator's styles, scoped to its shadow root so the dealer's page and the widget never
// restyle each other. (:host resets inherited properties from the page.)
export const widgetCss = `
:host { all: initial; display: block; }
* { box-sizing: border-box; }
.af {
  --af-primary: #1f4fd1;
  --af-text: #1d2330;
  --af-muted: #5b6475;
  --af-border: #e3e7ef;
  font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Helvetica Neue", Arial, sans-serif;
  color: var(--af-text);
  font-size: 14px;
  line-height: 1.5;
  max-width: 440px;
  background: #fff;
  border: 1px solid var(--af-border);
  border-radius: 12px;
  box-shadow: 0 6px 24px rgba(15, 27, 51, 0.08);
  overflow: hidden;
  font-variant-numeric: tabular-nums;
}
.af__head { display: flex; align-items: center; justify-content: space-between; gap: 12px; padding: 14px 18px; background: linear-gradient(135deg, #173a9e, #1f4fd1); color: #fff; }
.af__title { font-size: 16px; font-weight: 600; margin: 0; }
.af__dealer { font-size: 12px; opacity: 0.8; }
.af__lang { display: inline-flex; border: 1px solid rgba(255,255,255,0.5); border-radius: 6px; overflow: hidden; flex: none; }
.af__lang button { all: unset; cursor: pointer; font-size: 12px; padding: 2px 8px; color: #fff; }
.af__lang button[aria-pressed="true"] { background: #fff; color: var(--af-primary); font-weight: 600; }
.af__body { padding: 16px 18px 4px; display: grid; gap: 12px; }
.af__field { display: grid; gap: 6px; }
.af__label { font-size: 12.5px; color: var(--af-muted); display: flex; justify-content: space-between; }
.af__label b { color: var(--af-text); font-weight: 600; }
.af input[type="text"], .af input[type="number"], .af select {
  width: 100%; height: 36px; padding: 0 10px; font: inherit; color: inherit;
  border: 1px solid var(--af-border); border-radius: 8px; background: #fff; outline: none;
}
.af input:focus, .af select:focus { border-color: var(--af-primary); box-shadow: 0 0 0 3px rgba(31,79,209,0.12); }
.af input[type="range"] { width: 100%; accent-color: var(--af-primary); margin: 0; }
.af__row { display: grid; grid-template-columns: 1fr 1fr; gap: 10px; }
.af__terms { display: flex; flex-wrap: wrap; gap: 6px; }
.af__terms button { all: unset; cursor: pointer; padding: 5px 12px; border: 1px solid var(--af-border); border-radius: 16px; font-size: 13px; }
.af__terms button[aria-pressed="true"] { border-color: var(--af-primary); background: #eef3ff; color: var(--af-primary); font-weight: 600; }
.af__result { margin: 4px 18px 0; padding: 14px 16px; border-radius: 10px; background: #f6f8fd; border: 1px solid #e6ebf7; min-height: 96px; }
.af__figures { display: grid; grid-template-columns: 1fr 1fr; gap: 8px; }
.af__figure { display: grid; gap: 2px; }
.af__figure span { font-size: 12px; color: var(--af-muted); }
/* The APR is as large as the monthly payment (PBoC 〔2021〕 No. 3). */
.af__figure strong { font-size: 24px; font-weight: 700; line-height: 1.2; white-space: nowrap; }
.af__figure--apr strong { color: var(--af-primary); }
.af__meta { margin-top: 8px; font-size: 12.5px; color: var(--af-muted); display: flex; flex-wrap: wrap; gap: 4px 12px; }
.af__meta b { color: var(--af-text); font-weight: 600; }
.af__product { margin-top: 6px; font-size: 13px; font-weight: 600; display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
.af__badge { font-size: 11px; font-weight: 500; padding: 1px 6px; border-radius: 4px; background: #e3f5ef; color: #0f7a5a; }
.af__badge--blue { background: #e8eefc; color: #23409e; }
.af__badge--promo { background: #fde8f3; color: #a4286a; }
.af__others { margin: 10px 18px 0; display: grid; gap: 4px; }
.af__others-title { font-size: 12px; color: var(--af-muted); }
.af__other { display: grid; grid-template-columns: 1fr auto auto; gap: 10px; font-size: 12.5px; padding: 6px 0; border-top: 1px dashed var(--af-border); }
.af__other b { font-weight: 600; }
.af__message { color: var(--af-muted); font-size: 13px; padding: 22px 0; text-align: center; }
.af__message--error { color: #c0392b; }
.af__small { margin: 10px 18px 0; font-size: 11.5px; color: var(--af-muted); line-height: 1.6; }
.af__foot { margin-top: 10px; padding: 8px 18px 12px; font-size: 11px; color: #98a1b3; border-top: 1px solid var(--af-border); }
`;
