import { describe, expect, it } from 'vitest';
import { fillMacro, MACRO_VARIABLES, macroVariablesIn, type MacroValues } from '../src/macros.js';

const values: MacroValues = {
  'customer.name': 'Иван Петров',
  'customer.email': 'ivan@example.test',
  'agent.name': 'Анна',
  'conversation.topic': 'Возврат',
};

describe('filling a macro', () => {
  it.each<[string, string, MacroValues]>([
    ['Здравствуйте, {customer.name}!', 'Здравствуйте, Иван Петров!', values],
    ['{agent.name} / {conversation.topic} / {customer.email}', 'Анна / Возврат / ivan@example.test', values],
    ['twice: {customer.name}, {customer.name}', 'twice: Иван Петров, Иван Петров', values],
    ['unknown stays: {customer.phone} {order.id}', 'unknown stays: {customer.phone} {order.id}', values],
    ['a known one without a value stays: {customer.email}', 'a known one without a value stays: {customer.email}', { ...values, 'customer.email': null }],
    ['missing entirely stays: {agent.name}', 'missing entirely stays: {agent.name}', {}],
    ['an empty value is a value: [{conversation.topic}]', 'an empty value is a value: []', { 'conversation.topic': '' }],
    ['not a variable: {Customer.Name} { customer.name } {customer.name', 'not a variable: {Customer.Name} { customer.name } {customer.name', values],
    ['no variables at all', 'no variables at all', values],
    ['', '', values],
  ])('%s', (body, expected, given) => {
    expect(fillMacro(body, given)).toBe(expected);
  });

  it('inserts values as they are, without filling variables inside them again', () => {
    expect(fillMacro('Hi {customer.name}', { 'customer.name': '{agent.name} $& $1', 'agent.name': 'Анна' })).toBe('Hi {agent.name} $& $1');
  });

  it('lists the known variables a body uses, once each', () => {
    expect(macroVariablesIn('{agent.name}: {customer.name}, {customer.name} {order.id}')).toEqual(['agent.name', 'customer.name']);
    expect(MACRO_VARIABLES).toEqual(['customer.name', 'customer.email', 'agent.name', 'conversation.topic']);
  });
});
