import { describe, expect, it } from 'vitest';
import { fileProblem, formatSize, isImageType } from '../src/frame/attachment-rules.js';

describe('files the widget lets a customer attach', () => {
  it('refuses types the server does not take, empty and too large files', () => {
    expect(fileProblem({ type: 'image/png', size: 1000 })).toBeNull();
    expect(fileProblem({ type: 'application/pdf', size: 10 * 1024 * 1024 })).toBeNull();
    expect(fileProblem({ type: 'text/html', size: 10 })).toBe('type');
    expect(fileProblem({ type: 'image/svg+xml', size: 10 })).toBe('type');
    expect(fileProblem({ type: 'image/png', size: 0 })).toBe('empty');
    expect(fileProblem({ type: 'image/png', size: 10 * 1024 * 1024 + 1 })).toBe('size');
  });

  it('knows which types are images', () => {
    expect(isImageType('image/webp')).toBe(true);
    expect(isImageType('application/pdf')).toBe(false);
    expect(isImageType('constructor')).toBe(false);
  });

  it('formats sizes in both languages', () => {
    expect(formatSize(512, 'ru')).toBe('512 Б');
    expect(formatSize(1536, 'ru')).toBe('1,5 КБ');
    expect(formatSize(2.3 * 1024 * 1024, 'en')).toBe('2.3 MB');
    expect(formatSize(25 * 1024, 'en')).toBe('25 KB');
  });
});
