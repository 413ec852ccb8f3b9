import { renderSharesCsv, renderSharesPdf, renderStatementPdf } from '../../reports/shares';
import { defineRoute, type RouteDef } from '../http/route';
import { CSV_CONTENT_TYPE } from '../shared/csv';
import { listDrafts, loadSharesReport, loadStatement } from './report.usecases';
import { DraftList, PharmacyParams, ReportQuery, SharesReport, Statement, StatementQuery } from './shares.schemas';

const tags = ['reports'];

/**
 * What is not final says so in its file name, as the PDF's banner does (a CSV has none): an open
 * period's draft ("-projet") or dates that are no period ("-document-de-travail"); a closed period: "".
 */
const draftSuffix = (doc: { status: 'draft' | 'closed'; period: unknown }) =>
  doc.status === 'closed' ? '' : doc.period ? '-projet' : '-document-de-travail';

/** The shares report (JSON, CSV, PDF), a member's statement and the monthly drafts (SPEC §8). */
export const sharesReportRoutes: RouteDef[] = [
  defineRoute({
    method: 'get',
    path: '/reports/shares',
    summary: 'Shares report of a date range: per member costs, revenues and net, to the cent',
    tags,
    query: ReportQuery,
    response: SharesReport,
    produces: { 'text/csv': 'one row per member and a totals row', 'application/pdf': 'the general-meeting report' },
    // `format=json` (the default) answers the JSON inline, named `parts-<from>-<to>[-projet|-document-de-travail].json`.
    handler: async ({ ctx, query, res }) => {
      const { report, json } = loadSharesReport({ ctx, from: query.from, to: query.to });
      const name = `parts-${query.from}-${query.to}${draftSuffix(report)}`;
      // Inline (a client reads it as it is), with the name a browser saves it under (« Télécharger le JSON »).
      if (query.format === 'json')
        res.type('application/json').set('Content-Disposition', `inline; filename="${name}.json"`).send(json);
      else if (query.format === 'csv')
        res.type(CSV_CONTENT_TYPE).attachment(`${name}.csv`).send(renderSharesCsv(report));
      else
        res
          .type('application/pdf')
          .attachment(`${name}.pdf`)
          .send(await renderSharesPdf(report));
      return undefined;
    },
  }),
  defineRoute({
    method: 'get',
    path: '/reports/shares/drafts',
    summary: 'The monthly-shares drafts, newest first (treasurer home)',
    tags,
    response: DraftList,
    handler: async ({ ctx }) => listDrafts({ ctx }),
  }),
  defineRoute({
    method: 'get',
    path: '/shares/statements/:pharmacyId',
    summary: "One member's statement (a pharmacist reads its own pharmacy's only)",
    tags,
    params: PharmacyParams,
    query: StatementQuery,
    response: Statement,
    produces: { 'application/pdf': "the member's statement page, on its own" },
    handler: async ({ ctx, params, query, res }) => {
      const statement = loadStatement({ ctx, pharmacyId: params.pharmacyId, from: query.from, to: query.to });
      if (query.format === 'json') return statement;
      // Named as the report is, with the member's number: `releve-<id>-<from>-<to>[-projet|-document-de-travail].pdf`.
      res
        .type('application/pdf')
        .attachment(`releve-${params.pharmacyId}-${query.from}-${query.to}${draftSuffix(statement)}.pdf`)
        .send(await renderStatementPdf(statement));
      return undefined;
    },
  }),
];
