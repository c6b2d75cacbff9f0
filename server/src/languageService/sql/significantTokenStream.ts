// The parser's view of a statement's tokens: only the default channel, in an array.
//
// WHY: the fast first parse (SLL) and its predictions read tokens millions of times in a big script.
// CommonTokenStream answers every LT/LA/consume by skipping comment and hint tokens on the fly and
// checking whether it must fetch more; here the skipping is done once and the rest is array access.
// Token objects are shared with the statement's CommonTokenStream, and keep their `tokenIndex`
// in it, so trees built over this stream point at the same tokens as ever. Indexes of this stream
// (`index`, `seek`, `get`) are positions among the significant tokens: only the parser and its
// prediction use them. Error reporting runs over the CommonTokenStream (parseStatement.ts).
import { Interval, Token, type CommonTokenStream, type ParserRuleContext, type TokenSource, type TokenStream } from 'antlr4ng';

export class SignificantTokenStream implements TokenStream {
  private readonly tokens: Token[];
  private p = 0;

  /** `all` must be filled (ends with EOF), as tokenizeStatement returns it. */
  constructor(private readonly all: CommonTokenStream) {
    this.tokens = all.getTokens().filter((t) => t.channel === Token.DEFAULT_CHANNEL);
  }

  get tokenSource(): TokenSource {
    return this.all.tokenSource;
  }

  get index(): number {
    return this.p;
  }

  get size(): number {
    return this.tokens.length;
  }

  LT(k: number): Token | null {
    if (k === 0) return null;
    if (k < 0) return this.tokens[this.p + k] ?? null;
    const i = this.p + k - 1;
    return this.tokens[i < this.tokens.length ? i : this.tokens.length - 1]!;
  }

  LA(k: number): number {
    return this.LT(k)?.type ?? Token.INVALID_TYPE;
  }

  consume(): void {
    if (this.tokens[this.p]!.type === Token.EOF) throw new Error('cannot consume EOF');
    this.p++;
  }

  mark(): number {
    return -1;
  }

  release(): void {
    // Everything is buffered: nothing to release.
  }

  seek(index: number): void {
    this.p = Math.max(0, Math.min(index, this.tokens.length - 1));
  }

  get(index: number): Token {
    return this.tokens[index]!;
  }

  getSourceName(): string {
    return this.all.getSourceName();
  }

  getText(): string {
    return this.all.getText();
  }

  getTextFromInterval(interval: Interval): string {
    const start = this.tokens[interval.start];
    const stop = this.tokens[Math.min(interval.stop, this.tokens.length - 1)];
    return start && stop ? this.all.getTextFromInterval(new Interval(start.tokenIndex, stop.tokenIndex)) : '';
  }

  getTextFromContext(ctx: ParserRuleContext): string {
    return this.all.getTextFromContext(ctx);
  }

  getTextFromRange(start: Token | null, stop: Token | null): string {
    return this.all.getTextFromRange(start, stop);
  }

  setLine(): void {
    // Token positions come from the tokenizer.
  }

  setColumn(): void {
    // Token positions come from the tokenizer.
  }
}
