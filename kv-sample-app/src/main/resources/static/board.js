// The board talks to the REST API under api/ and listens to api/events (server-sent events fed
// by a Deno KV watch). No build step: plain browser JavaScript.
const PAGE_SIZE = 10;
const list = document.getElementById('todos');
const more = document.getElementById('more');
const message = document.getElementById('message');
let nextCursor = null;
let lastChanges = null;

async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const error = new Error((data && data.detail) || response.statusText);
    error.status = response.status;
    throw error;
  }
  return data;
}

function show(text) {
  message.textContent = text || '';
}

function render(todo) {
  const item = document.createElement('li');
  item.className = todo.done ? 'done' : '';
  const box = document.createElement('input');
  box.type = 'checkbox';
  box.checked = todo.done;
  box.title = 'Done';
  box.addEventListener('change', () => toggle(todo, box));
  const title = document.createElement('span');
  title.className = 'title';
  title.textContent = todo.title;
  const who = document.createElement('span');
  who.className = 'who';
  who.textContent = todo.assignee || '';
  const vs = document.createElement('span');
  vs.className = 'vs';
  vs.title = 'versionstamp (used for the optimistic check)';
  vs.textContent = todo.version.slice(-6);
  const remove = document.createElement('button');
  remove.className = 'secondary';
  remove.textContent = 'Delete';
  remove.addEventListener('click', () => destroy(todo));
  item.append(box, title, who, vs, remove);
  return item;
}

async function loadFirstPage() {
  const page = await api('GET', `api/todos?limit=${PAGE_SIZE}`);
  list.replaceChildren(...page.items.map(render));
  setCursor(page.cursor);
}

async function loadMore() {
  const page = await api('GET', `api/todos?limit=${PAGE_SIZE}&cursor=${encodeURIComponent(nextCursor)}`);
  list.append(...page.items.map(render));
  setCursor(page.cursor);
}

function setCursor(cursor) {
  nextCursor = cursor;
  more.hidden = !cursor;
}

async function toggle(todo, box) {
  try {
    // The version sent back is the versionstamp we read: the server commits only if nobody changed it since.
    const updated = await api('PUT', `api/todos/${todo.id}`,
      { title: todo.title, assignee: todo.assignee, done: box.checked, version: todo.version });
    Object.assign(todo, updated);
    box.parentElement.className = updated.done ? 'done' : '';
    show('');
  } catch (error) {
    box.checked = !box.checked;
    show(error.status === 409 ? 'Someone changed this todo meanwhile; the list was reloaded.' : error.message);
    await loadFirstPage();
  }
}

async function destroy(todo) {
  try {
    await api('DELETE', `api/todos/${todo.id}?version=${todo.version}`);
    show('');
  } catch (error) {
    show(error.status === 409 ? 'Someone changed this todo meanwhile; the list was reloaded.' : error.message);
    await loadFirstPage();
  }
}

function showBoard(board) {
  document.getElementById('stat-created').textContent = board.stats.created;
  document.getElementById('stat-completed').textContent = board.stats.completed;
  document.getElementById('stat-archived').textContent = board.stats.archived;
  document.getElementById('stat-changes').textContent = board.stats.changes;
  if (board.digest) {
    document.getElementById('digest-out').textContent = JSON.stringify(board.digest, null, 2);
  }
  if (lastChanges !== null && board.stats.changes !== lastChanges) {
    loadFirstPage().catch((error) => show(error.message));
  }
  lastChanges = board.stats.changes;
}

function listen() {
  const live = document.getElementById('live');
  const events = new EventSource('api/events');
  events.addEventListener('board', (event) => showBoard(JSON.parse(event.data)));
  events.onopen = () => { live.textContent = 'live'; live.className = 'on'; };
  events.onerror = () => { live.textContent = 'reconnecting…'; live.className = 'off'; };
}

document.getElementById('add').addEventListener('submit', async (event) => {
  event.preventDefault();
  const title = document.getElementById('title');
  const assignee = document.getElementById('assignee');
  try {
    await api('POST', 'api/todos', { title: title.value, assignee: assignee.value || null });
    title.value = '';
    show('');
    await loadFirstPage();
  } catch (error) {
    show(error.message);
  }
});

more.addEventListener('click', () => loadMore().catch((error) => show(error.message)));
document.getElementById('digest').addEventListener('click',
  () => api('POST', 'api/jobs/digest').then(() => show('Digest queued.'), (error) => show(error.message)));
document.getElementById('archive').addEventListener('click',
  () => api('POST', 'api/jobs/archive').then(() => show('Archiving queued.'), (error) => show(error.message)));

loadFirstPage().catch((error) => show(error.message));
listen();
