/** The chat page's styles: readable on a phone, keyboard-friendly, no framework. */
export const chatStyles = `
*{box-sizing:border-box}body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#17251d;background:#f4f7f5;display:flex;flex-direction:column;min-height:100vh}
header{position:sticky;top:0;background:#0f5132;color:#fff;padding:.6rem 1rem;display:flex;gap:.6rem;align-items:center;z-index:1}
header .mode{margin-left:auto;font-size:.75rem;background:rgba(255,255,255,.18);padding:.1rem .5rem;border-radius:1rem}
main{flex:1;width:100%;max-width:54rem;margin:0 auto;padding:1rem}
#messages{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:.75rem}
.message{max-width:100%;padding:.6rem .8rem;border-radius:.8rem;line-height:1.45;overflow-wrap:anywhere}
.message.user{align-self:flex-end;background:#d6f0e0;max-width:85%}
.message.assistant{align-self:flex-start;background:#fff;box-shadow:0 1px 2px rgba(0,0,0,.08);width:100%}
.message p{margin:.2rem 0}
.table-wrap{overflow-x:auto;margin:.5rem 0}
.reply-table{border-collapse:collapse;width:100%;font-size:.9rem}
.table-title{font-weight:600;margin:.6rem 0 .2rem}.table-title small{font-weight:400;color:#4b5d52}
.table-wrap{background:linear-gradient(to right,#fff 30%,rgba(255,255,255,0)) left/2rem 100% no-repeat local,linear-gradient(to left,#fff 30%,rgba(255,255,255,0)) right/2rem 100% no-repeat local,radial-gradient(farthest-side at 100% 50%,rgba(0,0,0,.18),transparent) right/.8rem 100% no-repeat scroll}
.reply-table th,.reply-table td{padding:.35rem .5rem;border-bottom:1px solid #e3e9e5;text-align:left;white-space:nowrap}
.reply-table .num{text-align:right;font-variant-numeric:tabular-nums}
.confirmation{border:2px solid #f0ad4e;background:#fffaf0;border-radius:.6rem;padding:.6rem .8rem;margin:.5rem 0}
.confirmation[data-status=confirmed]{border-color:#198754;background:#f0fbf4}
.confirmation[data-status=cancelled],.confirmation[data-status=expired],.confirmation[data-status=failed]{border-color:#adb5bd;background:#f8f9fa}
.confirmation-buttons{display:flex;gap:.5rem;margin:.4rem 0}
button{font:inherit;padding:.5rem 1rem;border-radius:.5rem;border:0;background:#0f5132;color:#fff;cursor:pointer;min-height:2.5rem}
button.secondary{background:#e9ecef;color:#17251d}
button:focus-visible,textarea:focus-visible{outline:3px solid #f0ad4e;outline-offset:2px}
button[disabled]{opacity:.6;cursor:default}
#dock{position:sticky;bottom:0;display:flex;align-items:center;gap:.25rem;padding:.6rem 1rem;background:#fff;border-top:1px solid #dfe6e1;max-width:54rem;width:100%;margin:0 auto}
#composer{display:flex;gap:.5rem;flex:1}
#upload{display:flex;align-items:center}
.attach{font-size:1.4rem;cursor:pointer;padding:.3rem;border-radius:.5rem;position:relative}
.attach:focus-within{outline:3px solid #f0ad4e}
#file{position:absolute;inset:0;opacity:0;width:100%;cursor:pointer}
body.dragging main{outline:3px dashed #0f5132;outline-offset:-6px}
#composer textarea{flex:1;font:inherit;padding:.55rem .7rem;border:1px solid #b9c7be;border-radius:.5rem;resize:none;min-height:2.6rem;max-height:10rem}
.chart{margin:.5rem 0}.chart svg{font-size:13px;fill:#17251d}.chart-title{font-weight:600}.chart-value{fill:#4b5d52}
.typing{color:#4b5d52;font-style:italic}
.error{color:#a4161a}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.sign-in{max-width:30rem;margin:4rem auto;background:#fff;padding:2rem;border-radius:1rem}
`;
