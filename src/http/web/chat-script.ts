/**
 * The chat page's script (plain browser JavaScript, served inline): sends messages, reads the
 * server-sent events of the reply as they stream, and handles confirmation buttons. The server
 * renders every part to HTML, so the script never builds markup from data.
 */
export const chatScript = `
(() => {
  const form = document.getElementById('composer');
  const input = document.getElementById('message');
  const list = document.getElementById('messages');
  const mode = document.getElementById('mode');
  const scroll = () => window.scrollTo(0, document.body.scrollHeight);
  const add = (role, html) => {
    const item = document.createElement('li');
    item.className = 'message ' + role;
    item.innerHTML = html;
    list.appendChild(item);
    scroll();
    return item;
  };
  const paragraph = (text) => {
    const div = document.createElement('div');
    div.className = 'message-text';
    const p = document.createElement('p');
    p.textContent = text;
    div.appendChild(p);
    return div;
  };

  async function send(text) {
    const user = add('user', '');
    user.appendChild(paragraph(text));
    const reply = add('assistant', '<div class="message-text"><p class="typing">…</p></div>');
    const textBox = reply.querySelector('.message-text');
    let streamed = '';
    form.querySelector('button').disabled = true;
    try {
      const response = await fetch('/chat/stream', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify({ text }),
      });
      if (!response.ok || !response.body) throw new Error('The server answered ' + response.status);
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let cut;
        while ((cut = buffer.indexOf('\\n\\n')) >= 0) {
          const chunk = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const event = (chunk.match(/^event: (.*)$/m) || [])[1];
          const data = JSON.parse((chunk.match(/^data: (.*)$/m) || [])[1] || 'null');
          if (event === 'text') {
            streamed += data.delta;
            textBox.replaceChildren(paragraph(streamed).firstChild);
          } else if (event === 'part') {
            reply.insertAdjacentHTML('beforeend', data.html);
          } else if (event === 'done') {
            textBox.innerHTML = data.textHtml;
            if (mode && data.mode) mode.textContent = data.mode;
          } else if (event === 'error') {
            textBox.innerHTML = '<p class="error"></p>';
            textBox.firstChild.textContent = data.message;
          }
          scroll();
        }
      }
    } catch (error) {
      textBox.innerHTML = '<p class="error"></p>';
      textBox.firstChild.textContent = 'Could not reach Kiungo. Your message is kept; try again. (' + error.message + ')';
    } finally {
      form.querySelector('button').disabled = false;
      input.focus();
    }
  }

  async function upload(file) {
    const user = add('user', '');
    user.appendChild(paragraph('📎 ' + file.name));
    const reply = add('assistant', '<div class="message-text"><p class="typing">Reading ' + '…</p></div>');
    try {
      const body = new FormData();
      body.append('file', file);
      const response = await fetch('/chat/upload', { method: 'POST', headers: { accept: 'application/json' }, body });
      const result = await response.json();
      if (!response.ok) throw new Error((result.error && result.error.message) || 'upload failed');
      reply.innerHTML = result.html;
    } catch (error) {
      reply.innerHTML = '<div class="message-text"><p class="error"></p></div>';
      reply.querySelector('.error').textContent = error.message;
    }
    scroll();
  }
  const fileInput = document.getElementById('file');
  fileInput.addEventListener('change', () => {
    if (fileInput.files && fileInput.files[0]) upload(fileInput.files[0]);
    fileInput.value = '';
  });
  document.addEventListener('dragover', (event) => {
    event.preventDefault();
    document.body.classList.add('dragging');
  });
  document.addEventListener('dragleave', () => document.body.classList.remove('dragging'));
  document.addEventListener('drop', (event) => {
    event.preventDefault();
    document.body.classList.remove('dragging');
    const file = event.dataTransfer && event.dataTransfer.files[0];
    if (file) upload(file);
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = '';
    send(text);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  list.addEventListener('click', async (event) => {
    const button = event.target.closest('button[data-decision]');
    if (button) {
      event.preventDefault();
      const card = button.closest('.confirmation');
      card.querySelectorAll('button').forEach((each) => (each.disabled = true));
      const response = await fetch('/chat/actions/' + card.dataset.actionId, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ decision: button.dataset.decision }),
      });
      const result = await response.json();
      card.dataset.status = result.actionStatus || card.dataset.status;
      card.querySelector('.confirmation-status').textContent = result.statusLabel || '';
      const buttons = card.querySelector('.confirmation-buttons');
      if (buttons && card.dataset.status !== 'pending') buttons.remove();
      else card.querySelectorAll('button').forEach((each) => (each.disabled = false));
      if (result.html) add('assistant', result.html);
      return;
    }
    const say = event.target.closest('button[data-say]');
    if (say) send(say.dataset.say);
  });
  scroll();
})();
`;
