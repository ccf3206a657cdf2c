/**
 * Reads the `${jsonencode(...)}` expressions cdktf renders for `Fn.jsonencode` and
 * returns the JSON value they encode. References stay strings in Terraform's JSON
 * syntax: the bare `aws_s3_bucket.b.arn` becomes "${aws_s3_bucket.b.arn}", templates
 * keep their `${...}` (and `$${` escapes) as written.
 *
 * Only literals, objects, tuples, quoted templates and plain references are understood.
 * Anything else (function calls, operators, conditionals, for expressions, heredocs,
 * template directives) returns undefined, so callers report the policy as unreadable
 * rather than guess what it evaluates to.
 */
export function parseJsonencode(expression: string): unknown {
  if (!expression.startsWith(PREFIX)) return undefined;
  const parser = new Parser(expression, PREFIX.length);
  try {
    const value = parser.value();
    parser.expectRest(')}');
    return value;
  } catch (e) {
    if (e instanceof Unreadable) return undefined;
    throw e;
  }
}

const PREFIX = '${jsonencode(';
const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_-]*/y;
const NUMBER = /-?\d+(\.\d+)?([eE][+-]?\d+)?/y;
const KEYWORDS: Record<string, unknown> = { true: true, false: false, null: null };
const ESCAPES: Record<string, string> = { 'n': '\n', 'r': '\r', 't': '\t', '"': '"', '\\': '\\' };

/** Thrown for any construct the parser does not understand; never leaves this module. */
class Unreadable extends Error {}

/** A recursive-descent parser over the subset of HCL expressions that cdktf renders. */
class Parser {
  constructor(private readonly text: string, private pos: number) {}

  public value(): unknown {
    this.skipSpace();
    const c = this.text[this.pos];
    if (c === '{') return this.object();
    if (c === '[') return this.tuple();
    if (c === '"') return this.template();
    if (c === '-' || (c >= '0' && c <= '9')) return Number(this.match(NUMBER));
    if (c !== undefined && /[A-Za-z_]/.test(c)) return this.keywordOrReference();
    throw new Unreadable();
  }

  public expectRest(rest: string): void {
    this.skipSpace();
    if (this.text.slice(this.pos) !== rest) throw new Unreadable();
  }

  private object(): Record<string, unknown> {
    this.pos++;
    const result: Record<string, unknown> = {};
    for (;;) {
      this.skipSpace();
      if (this.eat('}')) return result;
      const key = this.text[this.pos] === '"' ? this.template() : this.match(IDENTIFIER);
      this.skipSpace();
      if (!this.eat('=') && !this.eat(':')) throw new Unreadable();
      result[key] = this.value();
      // Items are separated by commas or newlines.
      const newline = this.skipSpace();
      if (!this.eat(',') && !newline && this.text[this.pos] !== '}') throw new Unreadable();
    }
  }

  private tuple(): unknown[] {
    this.pos++;
    const result: unknown[] = [];
    for (;;) {
      this.skipSpace();
      if (this.eat(']')) return result;
      result.push(this.value());
      this.skipSpace();
      if (!this.eat(',') && this.text[this.pos] !== ']') throw new Unreadable();
    }
  }

  /** A quoted template; `${...}` interpolations are kept verbatim. */
  private template(): string {
    this.pos++;
    let result = '';
    for (;;) {
      const c = this.text[this.pos];
      if (c === undefined || c === '\n') throw new Unreadable();
      if (c === '"') {
        this.pos++;
        return result;
      }
      if (c === '\\') {
        result += this.escape();
      } else if (this.text.startsWith('$${', this.pos) || this.text.startsWith('%%{', this.pos)) {
        result += this.text.slice(this.pos, this.pos + 3);
        this.pos += 3;
      } else if (this.text.startsWith('${', this.pos)) {
        result += this.interpolation();
      } else if (this.text.startsWith('%{', this.pos)) {
        throw new Unreadable();
      } else {
        result += c;
        this.pos++;
      }
    }
  }

  private escape(): string {
    const c = this.text[this.pos + 1];
    if (c !== undefined && ESCAPES[c] !== undefined) {
      this.pos += 2;
      return ESCAPES[c];
    }
    const hex = c === 'u' ? 4 : c === 'U' ? 8 : 0;
    const digits = this.text.slice(this.pos + 2, this.pos + 2 + hex);
    if (hex === 0 || !/^[0-9A-Fa-f]+$/.test(digits) || digits.length !== hex) throw new Unreadable();
    this.pos += 2 + hex;
    return String.fromCodePoint(parseInt(digits, 16));
  }

  /** `${...}` up to its matching brace, skipping braces inside nested strings. */
  private interpolation(): string {
    const start = this.pos;
    this.pos += 2;
    let depth = 1;
    while (depth > 0) {
      const c = this.text[this.pos];
      if (c === undefined) throw new Unreadable();
      if (c === '"') {
        this.skipNestedString();
        continue;
      }
      if (c === '{') depth++;
      if (c === '}') depth--;
      this.pos++;
    }
    return this.text.slice(start, this.pos);
  }

  private skipNestedString(): void {
    this.pos++;
    while (this.text[this.pos] !== '"') {
      if (this.text[this.pos] === undefined) throw new Unreadable();
      this.pos += this.text[this.pos] === '\\' ? 2 : 1;
    }
    this.pos++;
  }

  /** `true`, `false`, `null`, or a reference such as `aws_s3_bucket.b.arn` or `var.x[0]`. */
  private keywordOrReference(): unknown {
    const start = this.pos;
    const head = this.match(IDENTIFIER);
    if (head in KEYWORDS) return KEYWORDS[head];
    let steps = 0;
    for (;; steps++) {
      if (this.eat('.')) {
        this.match(/[A-Za-z_][A-Za-z0-9_-]*|\d+/y);
      } else if (this.text[this.pos] === '[') {
        this.match(/\[(\d+|"[^"\\]*")\]/y);
      } else {
        break;
      }
    }
    // A lone name is a function call, a for expression or a local iterator.
    if (steps === 0) throw new Unreadable();
    return `\${${this.text.slice(start, this.pos)}}`;
  }

  private match(pattern: RegExp): string {
    pattern.lastIndex = this.pos;
    const m = pattern.exec(this.text);
    if (!m) throw new Unreadable();
    this.pos += m[0].length;
    return m[0];
  }

  private eat(c: string): boolean {
    if (this.text[this.pos] !== c) return false;
    this.pos++;
    return true;
  }

  /** Skips whitespace; true when it crossed a newline. */
  private skipSpace(): boolean {
    let newline = false;
    while (/\s/.test(this.text[this.pos] ?? '')) {
      newline ||= this.text[this.pos] === '\n';
      this.pos++;
    }
    return newline;
  }
}
