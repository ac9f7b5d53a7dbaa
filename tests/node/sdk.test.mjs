// KiroTray (headless, in front of the fake Kiro upstream) driven by the official @anthropic-ai/sdk:
// what Anthropic's own client parses must come out right, streaming and not.
import Anthropic from '@anthropic-ai/sdk';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { API_KEY, startStack } from './harness.mjs';

const MODEL = 'claude-sonnet-4-6';
const WEATHER_TOOL = {
  name: 'get_weather',
  description: 'Weather forecast for a city',
  input_schema: {
    type: 'object',
    properties: { city: { type: 'string' }, days: { type: 'integer' } },
    required: ['city'],
  },
};

let stack;
let client;

before(async () => {
  stack = await startStack();
  client = new Anthropic({ baseURL: stack.baseURL, apiKey: API_KEY, maxRetries: 0, timeout: 30000 });
});

after(async () => {
  await stack?.stop();
});

function assertUsage(message) {
  assert.equal(typeof message.usage.input_tokens, 'number');
  assert.ok(message.usage.input_tokens > 0, 'usage.input_tokens must be reported');
  assert.equal(typeof message.usage.output_tokens, 'number');
  assert.ok(message.usage.output_tokens > 0);
}

describe('text', () => {
  test('messages.create, non-streaming', async () => {
    const message = await client.messages.create({
      model: MODEL, max_tokens: 256, messages: [{ role: 'user', content: 'Say hi' }],
    });
    assert.equal(message.type, 'message');
    assert.equal(message.role, 'assistant');
    assert.match(message.id, /^msg_/);
    assert.equal(message.model, MODEL);
    assert.deepEqual(message.content.map((b) => b.type), ['text']);
    assert.equal(message.content[0].text, 'Hello, world!');
    assert.equal(message.stop_reason, 'end_turn');
    assert.equal(message.stop_sequence, null);
    assertUsage(message);
  });

  test('messages.stream() deltas and finalMessage()', async () => {
    const stream = client.messages.stream({
      model: MODEL, max_tokens: 256, system: 'You are terse.', messages: [{ role: 'user', content: 'Say hi' }],
    });
    const deltas = [];
    const eventTypes = [];
    stream.on('text', (delta) => deltas.push(delta));
    stream.on('streamEvent', (event) => eventTypes.push(event.type));
    const message = await stream.finalMessage();
    assert.ok(deltas.length >= 2, `text arrived as ${deltas.length} delta(s)`);
    assert.equal(deltas.join(''), 'Hello, world!');
    assert.equal(message.content.length, 1);
    assert.equal(message.content[0].text, 'Hello, world!');
    assert.equal(message.stop_reason, 'end_turn');
    assertUsage(message);
    assert.equal(eventTypes[0], 'message_start');
    assert.equal(eventTypes.at(-1), 'message_stop');
    assert.ok(eventTypes.includes('content_block_start') && eventTypes.includes('content_block_stop'));
    assert.ok(eventTypes.includes('message_delta'));
  });

  test('multi-byte text survives the stream', async () => {
    const message = await client.messages.stream({
      model: MODEL, max_tokens: 256, messages: [{ role: 'user', content: '[[scenario:cjk]] 你好' }],
    }).finalMessage();
    assert.equal(message.content[0].text, '你好，世界！这是一个测试。');
  });
});

describe('tools', () => {
  const question = { role: 'user', content: "[[scenario:tool]] What's the weather in Oslo?" };

  function checkToolTurn(message) {
    assert.equal(message.stop_reason, 'tool_use');
    const text = message.content.find((b) => b.type === 'text');
    assert.equal(text?.text, 'Let me check.');
    const toolUse = message.content.find((b) => b.type === 'tool_use');
    assert.ok(toolUse, `no tool_use block in ${JSON.stringify(message.content)}`);
    assert.equal(toolUse.name, 'get_weather');
    assert.match(toolUse.id, /\S/);
    assert.deepEqual(toolUse.input, { city: 'Oslo', days: 3 });
    return toolUse;
  }

  function resultTurn(first, toolUse) {
    return [question, { role: 'assistant', content: first.content },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: toolUse.id, content: 'Sunny, 21 °C' }] }];
  }

  test('tool_use then tool_result, non-streaming', async () => {
    const first = await client.messages.create({ model: MODEL, max_tokens: 512, tools: [WEATHER_TOOL], messages: [question] });
    const toolUse = checkToolTurn(first);
    assertUsage(first);
    const second = await client.messages.create({
      model: MODEL, max_tokens: 512, tools: [WEATHER_TOOL], messages: resultTurn(first, toolUse),
    });
    assert.equal(second.stop_reason, 'end_turn');
    assert.equal(second.content[0].text, 'Hello, world!');
  });

  test('tool_use then tool_result, streaming', async () => {
    const stream = client.messages.stream({ model: MODEL, max_tokens: 512, tools: [WEATHER_TOOL], messages: [question] });
    const partialJson = [];
    stream.on('inputJson', (delta) => partialJson.push(delta));
    const first = await stream.finalMessage();
    const toolUse = checkToolTurn(first);
    assert.ok(partialJson.length >= 1);
    assert.deepEqual(JSON.parse(partialJson.join('')), { city: 'Oslo', days: 3 });
    const second = await client.messages.stream({
      model: MODEL, max_tokens: 512, tools: [WEATHER_TOOL], messages: resultTurn(first, toolUse),
    }).finalMessage();
    assert.equal(second.stop_reason, 'end_turn');
    assert.equal(second.content[0].text, 'Hello, world!');
  });
});

describe('thinking', () => {
  const request = {
    model: MODEL, max_tokens: 4096, thinking: { type: 'enabled', budget_tokens: 2000 },
    messages: [{ role: 'user', content: '[[scenario:thinking]] What is the answer?' }],
  };

  function checkThinking(message) {
    assert.deepEqual(message.content.map((b) => b.type), ['thinking', 'text']);
    assert.match(message.content[0].thinking, /Let me think about this\./);
    assert.doesNotMatch(message.content[0].thinking, /<\/?thinking>/);
    assert.equal(typeof message.content[0].signature, 'string');
    assert.ok(message.content[0].signature.length > 0, 'thinking block needs a signature');
    assert.equal(message.content[1].text.trim(), 'The answer is 42.');
    assert.equal(message.stop_reason, 'end_turn');
  }

  test('streaming finalMessage() has a signed thinking block', async () => {
    const stream = client.messages.stream(request);
    const thinkingDeltas = [];
    let signature = '';
    stream.on('thinking', (delta) => thinkingDeltas.push(delta));
    stream.on('signature', (s) => { signature = s; });
    const message = await stream.finalMessage();
    checkThinking(message);
    assert.ok(thinkingDeltas.length >= 1);
    assert.equal(signature, message.content[0].signature);
  });

  test('non-streaming reply has a signed thinking block', async () => {
    checkThinking(await client.messages.create(request));
  });

  test('adaptive thinking streams a signed thinking block', async () => {
    const message = await client.messages.stream({ ...request, thinking: { type: 'adaptive' } }).finalMessage();
    checkThinking(message);
  });
});

describe('other endpoints', () => {
  test('messages.countTokens', async () => {
    const small = await client.messages.countTokens({ model: MODEL, messages: [{ role: 'user', content: 'Hello world' }] });
    assert.ok(Number.isInteger(small.input_tokens) && small.input_tokens > 0);
    const large = await client.messages.countTokens({
      model: MODEL, system: 'You are a meteorologist. '.repeat(20), tools: [WEATHER_TOOL],
      messages: [{ role: 'user', content: 'What is the weather like in Oslo, Bergen and Trondheim this week? '.repeat(10) }],
    });
    assert.ok(large.input_tokens > small.input_tokens * 10, `${large.input_tokens} vs ${small.input_tokens}`);
  });

  test('models.list', async () => {
    const ids = [];
    for await (const model of client.models.list()) {
      assert.equal(model.type, 'model');
      assert.equal(typeof model.display_name, 'string');
      assert.equal(typeof model.created_at, 'string');
      ids.push(model.id);
    }
    assert.ok(ids.some((id) => id.includes('sonnet')), ids.join(', '));
    assert.equal(new Set(ids).size, ids.length);
  });
});

describe('errors', () => {
  test('unknown model is a BadRequestError (400)', async () => {
    await assert.rejects(
      client.messages.create({ model: 'gpt-4o', max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] }),
      (error) => {
        assert.ok(error instanceof Anthropic.BadRequestError, `got ${error?.constructor?.name}: ${error}`);
        assert.equal(error.status, 400);
        assert.equal(error.error?.type, 'error');
        assert.equal(error.error?.error?.type, 'invalid_request_error');
        return true;
      });
  });

  test('wrong API key is an AuthenticationError (401)', async () => {
    const stranger = new Anthropic({ baseURL: stack.baseURL, apiKey: 'not-the-key', maxRetries: 0 });
    await assert.rejects(
      stranger.messages.create({ model: MODEL, max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] }),
      (error) => error instanceof Anthropic.AuthenticationError && error.status === 401);
  });

  test('an upstream failure mid-stream rejects finalMessage() with the proxy\'s error event', async () => {
    const stream = client.messages.stream({ model: MODEL, max_tokens: 64, messages: [{ role: 'user', content: '[[scenario:drop]] hi' }] });
    await assert.rejects(stream.finalMessage(), (error) => {
      assert.ok(error instanceof Anthropic.APIError, `got ${error?.constructor?.name}: ${error}`);
      assert.match(String(error.message), /api_error|overloaded_error|mid-stream|connection/i);
      return true;
    });
  });
});

// A throttled account cools down in the pool, so this runs against a stack of its own.
describe('upstream throttling', () => {
  let throttled;
  let throttledClient;
  before(async () => {
    throttled = await startStack();
    throttledClient = new Anthropic({ baseURL: throttled.baseURL, apiKey: API_KEY, maxRetries: 0, timeout: 30000 });
  });
  after(async () => {
    await throttled?.stop();
  });

  test('upstream throttling is a RateLimitError (429)', async () => {
    await assert.rejects(
      throttledClient.messages.create({ model: MODEL, max_tokens: 64, messages: [{ role: 'user', content: '[[scenario:status429]] hi' }] }),
      (error) => {
        assert.ok(error instanceof Anthropic.RateLimitError, `got ${error?.constructor?.name}: ${error}`);
        assert.equal(error.status, 429);
        assert.equal(error.error?.error?.type, 'rate_limit_error');
        return true;
      });
    // Streaming: the error arrives before any event, as an HTTP status.
    await assert.rejects(
      throttledClient.messages.stream({ model: MODEL, max_tokens: 64, messages: [{ role: 'user', content: '[[scenario:status429]] hi' }] }).finalMessage(),
      (error) => error instanceof Anthropic.RateLimitError && error.status === 429);
  });
});

describe('web search server tool', () => {
  const SEARCH_TOOL = { type: 'web_search_20250305', name: 'web_search', max_uses: 3, blocked_domains: ['blocked.test'] };
  const EXPECTED_TYPES = ['text', 'server_tool_use', 'web_search_tool_result', 'text', 'server_tool_use', 'web_search_tool_result', 'text'];

  function assertSearchMessage(message) {
    assert.deepEqual(message.content.map((b) => b.type), EXPECTED_TYPES);
    const [, use, result] = message.content;
    assert.match(use.id, /^srvtoolu_/);
    assert.equal(use.name, 'web_search');
    assert.match(use.input.query, /kiro releases/);
    assert.equal(result.tool_use_id, use.id);
    assert.deepEqual(result.content.map((r) => r.url), ['https://example.com/one', 'https://docs.example.org/two']);
    for (const r of result.content) {
      assert.equal(r.type, 'web_search_result');
      assert.match(r.title, /^Result \d for /);
      assert.equal(typeof r.encrypted_content, 'string');
      assert.match(r.page_age, /^December \d+, 2025$/);
    }
    assert.equal(message.content.at(-1).text, 'Sources: https://example.com/one, https://docs.example.org/two');
    assert.equal(message.stop_reason, 'end_turn');
    assert.equal(message.usage.server_tool_use.web_search_requests, 2);
    assertUsage(message);
  }

  const request = (stream) => ({
    model: MODEL, max_tokens: 1024, tools: [SEARCH_TOOL], stream,
    messages: [{ role: 'user', content: '[[session:search]] [[searches:2]] kiro releases' }],
  });

  test('messages.create, non-streaming', async () => {
    assertSearchMessage(await client.messages.create(request(false)));
  });

  test('messages.stream() finalMessage() and a later turn that carries the search blocks', async () => {
    const stream = client.messages.stream(request(true));
    const blockTypes = [];
    stream.on('streamEvent', (event) => {
      if (event.type === 'content_block_start') blockTypes.push(event.content_block.type);
    });
    const message = await stream.finalMessage();
    assertSearchMessage(message);
    assert.deepEqual(blockTypes, EXPECTED_TYPES);

    const next = await client.messages.create({
      model: MODEL, max_tokens: 256, tools: [SEARCH_TOOL],
      messages: [...request(false).messages, { role: 'assistant', content: message.content }, { role: 'user', content: 'Thanks' }],
    });
    assert.equal(next.stop_reason, 'end_turn');
  });

  // The fake quotes results with "[N]" markers (one cut over two upstream frames); the SDK gathers
  // the citations_delta events into each text block's citations, as the API's own stream gives them.
  test('citations: streamed citations_delta events and the non-streaming citations agree', async () => {
    const citing = (stream) => ({ ...request(stream), messages: [{ role: 'user', content: '[[session:search]] [[cite]] kiro releases' }] });
    const stream = client.messages.stream(citing(true));
    const cited = [];
    stream.on('citation', (citation) => cited.push(citation.url));
    const streamed = await stream.finalMessage();
    const whole = await client.messages.create(citing(false));
    const answer = (message) => message.content.slice(3).map((b) => ({ text: b.text, urls: (b.citations ?? []).map((c) => c.url) }));
    const expected = [
      { text: 'Here is what I found. ', urls: [] },
      { text: 'The first result covers it.', urls: ['https://example.com/one'] },
      { text: ' ', urls: [] },
      { text: 'Both agree.', urls: ['https://example.com/one', 'https://docs.example.org/two'] },
      { text: '\nIndex a[99] stays.', urls: [] },
    ];
    assert.deepEqual(answer(streamed), expected);
    assert.deepEqual(answer(whole), expected);
    assert.deepEqual(cited, ['https://example.com/one', 'https://example.com/one', 'https://docs.example.org/two']);
    for (const c of streamed.content.flatMap((b) => b.citations ?? [])) {
      assert.equal(c.type, 'web_search_result_location');
      assert.match(c.title, /^Result \d for /);
      assert.match(c.cited_text, /^Snippet \d about /);
      assert.equal(typeof c.encrypted_index, 'string');
    }
    // Sent back in a later turn: accepted.
    const next = await client.messages.create({
      model: MODEL, max_tokens: 256, tools: [SEARCH_TOOL],
      messages: [...citing(false).messages, { role: 'assistant', content: streamed.content }, { role: 'user', content: 'Thanks' }],
    });
    assert.equal(next.stop_reason, 'end_turn');
  });
});
