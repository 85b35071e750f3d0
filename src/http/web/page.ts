/** The web chat page: works without JavaScript (forms), streams replies with it. */
import { chatScript } from './chat-script.ts';
import { chatStyles } from './chat-styles.ts';
import { escapeHtml, type PageMessage, renderMessage } from './render.ts';

export function chatPage(options: {
  businessName: string;
  memberName: string;
  mode: string;
  messages: PageMessage[];
}): string {
  const greeting =
    options.messages.length === 0
      ? `<li class="message assistant intro"><div class="message-text"><p>Habari ${escapeHtml(options.memberName)}! Ask me about ${escapeHtml(options.businessName)}: “who owes me?”, “nani ananidai?”, “record 50,000 from Hassan by M-Pesa”.</p></div></li>`
      : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Kiungo · ${escapeHtml(options.businessName)}</title>
<style>${chatStyles}</style>
</head>
<body>
<header><strong>Kiungo</strong> <span>${escapeHtml(options.businessName)}</span> <span id="mode" class="mode" title="Who answers">${escapeHtml(options.mode)}</span></header>
<main>
<ol id="messages" aria-live="polite">${greeting}${options.messages.map(renderMessage).join('')}</ol>
</main>
<div id="dock">
<form id="upload" method="post" action="/chat/upload" enctype="multipart/form-data">
<label class="attach" title="Import a spreadsheet (CSV or Excel)">📎<span class="visually-hidden">Import a spreadsheet (CSV or Excel)</span>
<input id="file" name="file" type="file" accept=".csv,.tsv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"></label>
<noscript><button type="submit" class="secondary">Upload</button></noscript>
</form>
<form id="composer" method="post" action="/chat/send">
<label for="message" class="visually-hidden">Message</label>
<textarea id="message" name="text" rows="1" maxlength="4000" placeholder="Ask… / Uliza…" required autofocus></textarea>
<button type="submit">Send</button>
</form>
</div>
<script>${chatScript}</script>
</body>
</html>`;
}

export function signInPage(message: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Kiungo · sign in</title><style>${chatStyles}</style></head>
<body><main class="sign-in"><h1>Kiungo</h1><p>${escapeHtml(message)}</p><p>Ask the business owner for a sign-in link, or run <code>npx kiungo login-link</code>.</p></main></body></html>`;
}
