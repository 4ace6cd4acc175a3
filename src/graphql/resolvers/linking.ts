import { z } from 'zod';
import { LANGS } from '../../domain/lang';
import type { LinkedText, ProposedLink, TextMention } from '../../linking/link-text';
import { linkDocument } from '../../linking/link-document';
import type { GraphQLContext } from '../context';
import { parseArgs } from '../parse-args';

/** The longest text `linkDocument` takes (a long UN report is ~150,000 characters); MAX_BODY_BYTES usually bounds it first. */
export const MAX_DOCUMENT_CHARS = 200_000;

const linkArgs = z.object({
  text: z
    .string()
    .max(MAX_DOCUMENT_CHARS, `a text of at most ${MAX_DOCUMENT_CHARS} characters`)
    .refine((text) => text.trim() !== '', 'a non-empty text'),
  lang: z.enum(LANGS).nullish(),
  title: z.string().max(1000, 'a title of at most 1000 characters').nullish(),
});

/** Views handed to the `LinkedParagraph`, `Mention` and `ProposedLink` resolvers: the record and its paragraph. */
const mentionView = (mention: TextMention) => mention;
const linkView = (paragraph: LinkedText, link: ProposedLink) => ({ ...link, mentionRecord: paragraph.mentions[link.mention]! });

export const linkingQuery = {
  linkDocument: async (_root: unknown, args: unknown, ctx: GraphQLContext) => {
    const parsed = parseArgs(linkArgs, args);
    const result = await linkDocument(ctx.store, parsed.text);
    return {
      title: parsed.title ?? null,
      lang: parsed.lang ?? null,
      paragraphs: result.paragraphs,
      footnotes: result.footnotes,
      unresolved: result.unresolved,
    };
  },
};

export const linkingTypes = {
  LinkedParagraph: {
    mentions: (paragraph: LinkedText) => paragraph.mentions.map(mentionView),
    proposedLinks: (paragraph: LinkedText) => paragraph.proposedLinks.map((link) => linkView(paragraph, link)),
  },
  Mention: {
    node: (mention: TextMention, _args: unknown, ctx: GraphQLContext) => ctx.loaders.node.load(mention.nodeId),
  },
  ProposedLink: {
    node: (link: ProposedLink, _args: unknown, ctx: GraphQLContext) => ctx.loaders.node.load(link.nodeId),
    mention: (link: ReturnType<typeof linkView>) => link.mentionRecord,
  },
};
