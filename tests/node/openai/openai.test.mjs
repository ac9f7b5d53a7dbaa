// KiroTray (headless, in front of the fake Kiro upstream) driven by the official openai SDK:
// Chat Completions and Responses, streaming and not, function tools and their round trips.
import OpenAI from 'openai';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { API_KEY, startStack } from '../harness.mjs';

const MODEL = 'claude-sonnet-4-6';
const CHAT_TOOL = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Weather forecast for a city',
    parameters: { type: 'object', properties: { city: { type: 'string' }, days: { type: 'integer' } }, required: ['city'] },
  },
};
const RESPONSES_TOOL = { type: 'function', name: 'get_weather', description: CHAT_TOOL.function.description,
  parameters: CHAT_TOOL.function.parameters, strict: false };

let stack;
let client;

before(async () => {
  stack = await startStack();
  client = new OpenAI({ baseURL: `${stack.baseURL}/v1`, apiKey: API_KEY, maxRetries: 0, timeout: 30000 });
});

after(async () => {
  await stack?.stop();
});

describe('models', () => {
  test('models.list parses and names Claude models', async () => {
    const ids = [];
    for await (const model of client.models.list()) {
      assert.equal(model.object, 'model');
      assert.equal(typeof model.created, 'number');
      assert.equal(typeof model.owned_by, 'string');
      ids.push(model.id);
    }
    assert.ok(ids.some((id) => id.startsWith('claude-')), ids.join(', '));
  });
});

describe('chat completions', () => {
  test('create, non-streaming', async () => {
    const completion = await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi' }],
      max_completion_tokens: 200,
    });
    assert.equal(completion.object, 'chat.completion');
    assert.equal(completion.choices.length, 1);
    assert.equal(completion.choices[0].message.content, 'Hello, world!');
    assert.equal(completion.choices[0].finish_reason, 'stop');
    assert.ok(completion.usage.prompt_tokens > 0);
    assert.equal(completion.usage.total_tokens, completion.usage.prompt_tokens + completion.usage.completion_tokens);
  });

  test('create, streaming with usage', async () => {
    const stream = await client.chat.completions.create({
      model: MODEL, messages: [{ role: 'user', content: 'Hi' }], stream: true, stream_options: { include_usage: true },
    });
    let text = '';
    let finish;
    let usage;
    for await (const chunk of stream) {
      assert.equal(chunk.object, 'chat.completion.chunk');
      if (chunk.usage) usage = chunk.usage;
      for (const choice of chunk.choices) {
        text += choice.delta.content ?? '';
        finish = choice.finish_reason ?? finish;
      }
    }
    assert.equal(text, 'Hello, world!');
    assert.equal(finish, 'stop');
    assert.ok(usage.completion_tokens > 0);
  });

  test('stream helper: tool call arguments reassembled, then the result round trip', async () => {
    const messages = [{ role: 'user', content: 'Weather in Oslo? [[scenario:tool]]' }];
    const runner = client.chat.completions.stream({ model: MODEL, messages, tools: [CHAT_TOOL] });
    const completion = await runner.finalChatCompletion();
    const choice = completion.choices[0];
    assert.equal(choice.finish_reason, 'tool_calls');
    assert.equal(choice.message.content, 'Let me check.');
    assert.equal(choice.message.tool_calls.length, 1);
    const call = choice.message.tool_calls[0];
    assert.equal(call.id, 'tooluse_abc');
    assert.equal(call.function.name, 'get_weather');
    assert.deepEqual(JSON.parse(call.function.arguments), { city: 'Oslo', days: 3 });

    messages.push(choice.message, { role: 'tool', tool_call_id: call.id, content: '21 degrees' });
    const next = await client.chat.completions.create({ model: MODEL, messages, tools: [CHAT_TOOL] });
    assert.equal(next.choices[0].finish_reason, 'stop');   // the tool result is the new turn: the fake answers text
    assert.equal(next.choices[0].message.content, 'Hello, world!');
  });

  test('non-streaming tool call', async () => {
    const completion = await client.chat.completions.create({
      model: MODEL, messages: [{ role: 'user', content: 'Weather? [[scenario:tool]]' }], tools: [CHAT_TOOL], tool_choice: 'auto',
    });
    const call = completion.choices[0].message.tool_calls[0];
    assert.deepEqual(JSON.parse(call.function.arguments), { city: 'Oslo', days: 3 });
  });

  test('refused parameters raise BadRequestError naming them', async () => {
    await assert.rejects(
      client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'Hi' }], n: 2 }),
      (error) => error instanceof OpenAI.BadRequestError && error.status === 400 && error.param === 'n' && /n = 1/.test(error.message));
  });

  test('a fault mid-stream raises an APIError', async () => {
    const stream = await client.chat.completions.create({
      model: MODEL, messages: [{ role: 'user', content: '[[scenario:drop]]' }], stream: true,
    });
    let text = '';
    await assert.rejects(async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    }, (error) => error instanceof OpenAI.APIError);
    assert.equal(text, 'Before the drop');
  });
});

describe('responses', () => {
  test('create, non-streaming', async () => {
    const response = await client.responses.create({ model: MODEL, instructions: 'Be brief.', input: 'Hi', store: false });
    assert.equal(response.object, 'response');
    assert.equal(response.status, 'completed');
    assert.equal(response.output_text, 'Hello, world!');
    assert.ok(response.usage.input_tokens > 0);
    assert.ok(response.usage.output_tokens > 0);
  });

  test('create, streaming', async () => {
    const stream = await client.responses.create({ model: MODEL, input: 'Hi', stream: true });
    const types = [];
    let text = '';
    let completed;
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === 'response.output_text.delta') text += event.delta;
      if (event.type === 'response.completed') completed = event.response;
    }
    assert.equal(text, 'Hello, world!');
    assert.equal(types[0], 'response.created');
    assert.equal(types.at(-1), 'response.completed');
    assert.equal(completed.output[0].content[0].text, 'Hello, world!');
  });

  test('stream helper: function call, then function_call_output round trip', async () => {
    const input = [{ role: 'user', content: 'Weather in Oslo? [[scenario:tool]]' }];
    const runner = client.responses.stream({ model: MODEL, input, tools: [RESPONSES_TOOL] });
    const argumentDeltas = [];
    runner.on('response.function_call_arguments.delta', (event) => argumentDeltas.push(event.delta));
    const response = await runner.finalResponse();
    const call = response.output.find((item) => item.type === 'function_call');
    assert.ok(call, JSON.stringify(response.output));
    assert.equal(call.name, 'get_weather');
    assert.deepEqual(JSON.parse(call.arguments), { city: 'Oslo', days: 3 });
    assert.equal(argumentDeltas.join(''), call.arguments);

    input.push(...response.output, { type: 'function_call_output', call_id: call.call_id, output: '21 degrees' });
    const next = await client.responses.create({ model: MODEL, input, tools: [RESPONSES_TOOL] });
    assert.equal(next.status, 'completed');
    assert.equal(next.output_text, 'Hello, world!');
  });

  test('store: true is refused with a clear 400', async () => {
    await assert.rejects(client.responses.create({ model: MODEL, input: 'Hi', store: true }),
      (error) => error instanceof OpenAI.BadRequestError && error.param === 'store');
  });
});
