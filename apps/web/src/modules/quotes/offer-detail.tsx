import { useState } from 'react';
import { Alert, Button, Descriptions, Empty, Table, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { QuoteOffer, Reservation } from '@autofin/contracts';
import { PROMOTION_TAKERS, reservePromotion } from '../promotions/promotions.api.ts';
import { useErrorMessage } from '../../api/use-error-message.ts';
import { hasAnyRole, useCurrentUser } from '../auth/session.tsx';
import { formatMoney } from '../../ui/format.ts';
import { useLocale, label } from '../../i18n/locale-provider.tsx';
import { useModuleMessages } from '../../i18n/module-messages.ts';
import { quotesMessages } from './quotes.i18n.ts';
import { bi, formatApr, formatPercentText } from './money.ts';

type Installment = QuoteOffer['installments'][number];
type Line = QuoteOffer['breakdown'][number];
type Fee = QuoteOffer['fees'][number];

/** One offer in full: the APR first and largest, then the figures, schedule, rate build-up, costs and disclosure. */
export function OfferDetail({ quoteId, offer }: { quoteId: string; offer: QuoteOffer }) {
  const { t } = useTranslation('quotes');
  const { locale } = useLocale();
  const m = useModuleMessages(quotesMessages);
  const bundle = offer.bundle;

  const prepayment = (() => {
    const rule = offer.prepayment;
    if (rule.type === 'percent-of-principal') return t('prepaymentRules.percent-of-principal', { percent: rule.percent });
    if (rule.type === 'months-of-interest') return t('prepaymentRules.months-of-interest', { months: rule.months });
    return m.prepaymentRules[rule.type];
  })();

  return (
    <div className="offer-detail" data-testid="offer-detail" data-offer={offer.offerId}>
      <div className="offer-detail__figures">
        <div className="offer-detail__card offer-detail__card--apr">
          <span className="offer-detail__label">{m.detail.aprSimple}</span>
          <span className="offer-detail__value offer-detail__value--apr" data-testid="detail-apr" data-apr={offer.aprSimple}>
            {formatApr(offer.aprSimple)}
          </span>
          <span className="offer-detail__sub">
            {m.detail.aprCompound} {formatApr(offer.aprCompound)}
          </span>
        </div>
        <div className="offer-detail__card">
          <span className="offer-detail__label">{m.detail.monthly}</span>
          <span className="offer-detail__value">{formatMoney(offer.monthlyPayment)}</span>
          <span className="offer-detail__sub">
            {t('table.termMonths', { term: offer.term })} · {label(m.methods, offer.method)}
          </span>
        </div>
        <div className="offer-detail__card">
          <span className="offer-detail__label">{m.table.totalCost}</span>
          <span className="offer-detail__value offer-detail__value--small">{formatMoney(offer.totalCost)}</span>
          <span className="offer-detail__sub">
            {m.table.totalInterest} {formatMoney(offer.totalInterest)} · {m.table.totalFees} {formatMoney(offer.totalFees)}
          </span>
        </div>
        <div className="offer-detail__card">
          <span className="offer-detail__label">{m.detail.customerRate}</span>
          <span className="offer-detail__value offer-detail__value--small">{formatPercentText(offer.customerRate)}</span>
          <span className="offer-detail__sub">
            {m.detail.annualRate} {formatPercentText(offer.annualRate)}
          </span>
        </div>
      </div>
      <Descriptions size="small" bordered column={{ xs: 1, sm: 2, xl: 3 }} className="offer-detail__desc">
        <Descriptions.Item label={m.detail.downPayment}>{formatMoney(offer.downPayment)}</Descriptions.Item>
        <Descriptions.Item label={m.detail.principal}>{formatMoney(offer.principal)}</Descriptions.Item>
        <Descriptions.Item label={m.detail.noteAmount}>{formatMoney(offer.noteAmount)}</Descriptions.Item>
        <Descriptions.Item label={m.detail.amountFinanced}>{formatMoney(offer.amountFinanced)}</Descriptions.Item>
        <Descriptions.Item label={m.detail.totalOfPayments}>{formatMoney(offer.totalOfPayments)}</Descriptions.Item>
        <Descriptions.Item label={m.detail.upfrontCash}>{formatMoney(offer.upfrontCash)}</Descriptions.Item>
        {offer.finalPayment ? <Descriptions.Item label={m.detail.finalPayment}>{formatMoney(offer.finalPayment)}</Descriptions.Item> : null}
        {offer.deposit ? <Descriptions.Item label={m.detail.deposit}>{formatMoney(offer.deposit)}</Descriptions.Item> : null}
        <Descriptions.Item label={m.table.ltv}>{formatPercentText(offer.ltv)}</Descriptions.Item>
        <Descriptions.Item label={m.detail.prepayment}>{prepayment}</Descriptions.Item>
      </Descriptions>
      {offer.promotion || offer.subsidy ? (
        <Alert
          type="success"
          showIcon
          className="offer-detail__promo"
          message={offer.promotion ? `${m.table.promotion}：${bi(offer.promotion.name, locale)}` : null}
          description={offer.subsidy ? t('detail.subsidy', { amount: formatMoney(offer.subsidy.amount), payer: label(m.payers, offer.subsidy.payer) }) : undefined}
          action={offer.promotion ? <TakeUp quoteId={quoteId} offerId={offer.offerId} promotionId={offer.promotion.id} /> : undefined}
        />
      ) : null}

      <Tabs
        size="small"
        items={[
          {
            key: 'schedule',
            label: m.detail.schedule,
            children: (
              <Table<Installment>
                size="small"
                rowKey="n"
                dataSource={offer.installments}
                pagination={offer.installments.length > 12 ? { pageSize: 12, size: 'small', showSizeChanger: false } : false}
                data-testid="offer-schedule"
                columns={[
                  { title: m.detail.n, dataIndex: 'n', width: 64 },
                  { title: m.detail.date, dataIndex: 'date', width: 120 },
                  { title: m.detail.payment, dataIndex: 'payment', align: 'right', render: (v: string) => <b>{formatMoney(v)}</b> },
                  { title: m.detail.principalCol, dataIndex: 'principal', align: 'right', render: (v: string) => formatMoney(v) },
                  { title: m.detail.interest, dataIndex: 'interest', align: 'right', render: (v: string) => formatMoney(v) },
                  { title: m.detail.fee, dataIndex: 'fee', align: 'right', render: (v: string) => formatMoney(v) },
                  { title: m.detail.balance, dataIndex: 'balance', align: 'right', render: (v: string) => formatMoney(v) },
                ]}
              />
            ),
          },
          {
            key: 'breakdown',
            label: m.detail.breakdown,
            children: (
              <>
                <Typography.Paragraph type="secondary" className="offer-detail__note">
                  {t('detail.pricingFrom', { grid: offer.pricing.grid.id, version: offer.pricing.grid.version, tier: offer.pricing.riskTier })}
                  {offer.pricing.bound ? <Tag color="orange" className="offer-detail__bound">{m.detail.bound[offer.pricing.bound]}</Tag> : null}
                </Typography.Paragraph>
                <BreakdownTable lines={offer.breakdown} total={offer.customerRate} />
              </>
            ),
          },
          {
            key: 'costs',
            label: m.detail.costs,
            children: (
              <div className="offer-detail__costs">
                <Typography.Title level={5}>{m.detail.fees}</Typography.Title>
                {offer.fees.length === 0 ? (
                  <Typography.Text type="secondary">{m.detail.noFees}</Typography.Text>
                ) : (
                  <Table<Fee>
                    size="small"
                    rowKey="code"
                    pagination={false}
                    dataSource={offer.fees}
                    columns={[
                      { title: m.detail.feeName, key: 'name', render: (_: unknown, f) => bi(f.name, locale) },
                      {
                        title: m.detail.amount,
                        dataIndex: 'amount',
                        align: 'right',
                        render: (v: string, f) => (f.waived ? <Typography.Text delete>{formatMoney(v)}</Typography.Text> : formatMoney(v)),
                      },
                      { title: m.detail.timing, dataIndex: 'timing', render: (v: string) => label(m.timing, v) },
                      { title: m.detail.financeCharge, dataIndex: 'financeCharge', render: (v: boolean) => (v ? m.detail.yes : m.detail.no) },
                      { title: '', dataIndex: 'waived', render: (v: boolean) => (v ? <Tag color="green">{m.detail.waived}</Tag> : null) },
                    ]}
                  />
                )}
                {bundle ? (
                  <>
                    <Typography.Title level={5}>{m.detail.bundle}</Typography.Title>
                    <Table
                      size="small"
                      rowKey="code"
                      pagination={false}
                      dataSource={bundle.items}
                      columns={[
                        { title: m.detail.bundleItem, key: 'name', render: (_: unknown, s) => <b>{bi(s.name, locale)}</b> },
                        { title: m.detail.bundleWhat, key: 'what', render: (_: unknown, s) => bi(s.description, locale) },
                        { title: m.detail.timing, dataIndex: 'timing', render: (v: string) => label(m.timing, v) },
                        { title: m.detail.amount, dataIndex: 'price', align: 'right', render: (v: string) => formatMoney(v) },
                      ]}
                      summary={() => (
                        <Table.Summary.Row>
                          <Table.Summary.Cell index={0} colSpan={3}>
                            <b>{m.detail.bundleTotal}</b>
                            <Typography.Text type="secondary"> · {t('detail.bundleMonthly', { amount: formatMoney(bundle.monthlyPaymentIncrease) })}</Typography.Text>
                          </Table.Summary.Cell>
                          <Table.Summary.Cell index={1} align="right">
                            <b>{formatMoney(bundle.total)}</b>
                          </Table.Summary.Cell>
                        </Table.Summary.Row>
                      )}
                    />
                  </>
                ) : null}
                {offer.batteryRental ? (
                  <Descriptions size="small" title={m.detail.battery} column={3} className="offer-detail__block">
                    <Descriptions.Item label={m.detail.batteryPrice}>{formatMoney(offer.batteryRental.batteryPrice)}</Descriptions.Item>
                    <Descriptions.Item label={m.detail.monthlyRent}>{formatMoney(offer.batteryRental.monthlyRent)}</Descriptions.Item>
                    <Descriptions.Item label={m.detail.totalRent}>{formatMoney(offer.batteryRental.totalRent)}</Descriptions.Item>
                  </Descriptions>
                ) : null}
                {offer.tradeIn ? (
                  <Descriptions size="small" title={m.detail.tradeIn} column={3} className="offer-detail__block">
                    <Descriptions.Item label={m.form.appraisedValue}>{formatMoney(offer.tradeIn.appraisedValue)}</Descriptions.Item>
                    <Descriptions.Item label={m.form.outstandingLoan}>{formatMoney(offer.tradeIn.outstandingLoan)}</Descriptions.Item>
                    <Descriptions.Item label={m.detail.equity}>{formatMoney(offer.tradeIn.equity)}</Descriptions.Item>
                    {offer.tradeIn.oldLoanPrepaymentPenaltyWaived ? <Descriptions.Item label="">{m.detail.penaltyWaived}</Descriptions.Item> : null}
                  </Descriptions>
                ) : null}
              </div>
            ),
          },
          {
            key: 'disclosure',
            label: m.detail.disclosure,
            children: (
              <div className="offer-detail__disclosure" data-testid="offer-disclosure">
                {bi(offer.disclosure, locale)}
                <Typography.Paragraph type="secondary" className="offer-detail__note">
                  {t('detail.compliance', {
                    rulebook: offer.compliance.rulebookVersion,
                    months: offer.compliance.maxMonths,
                    maxLoan: offer.compliance.maxLoan ? formatMoney(offer.compliance.maxLoan) : '–',
                  })}
                </Typography.Paragraph>
              </div>
            ),
          },
        ]}
      />
    </div>
  );
}

/** The rate build-up, line by line, with the sum the customer pays at the bottom. */
export function BreakdownTable({ lines, total, testId }: { lines: readonly { code: string; label: { zh: string; en: string }; rate: string; detail: string }[]; total?: string; testId?: string }) {
  const { locale } = useLocale();
  const m = useModuleMessages(quotesMessages);
  if (lines.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <Table<Line>
      size="small"
      rowKey={(l) => `${l.code}-${l.detail}`}
      pagination={false}
      dataSource={[...lines]}
      data-testid={testId ?? 'offer-breakdown'}
      columns={[
        {
          title: m.detail.line,
          key: 'label',
          width: 220,
          render: (_: unknown, l) => (
            <span>
              {bi(l.label, locale)} <span className="code-tag">{l.code}</span>
            </span>
          ),
        },
        {
          title: m.detail.rate,
          dataIndex: 'rate',
          align: 'right',
          width: 150,
          render: (v: string) => <span className={`mono-num ${v.startsWith('-') ? 'rate--neg' : ''}`}>{v.startsWith('-') ? v : `+${v}`}</span>,
        },
        { title: m.detail.how, dataIndex: 'detail', render: (v: string) => <span className="mono breakdown__detail">{v}</span> },
      ]}
      summary={
        total
          ? () => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>
                  <b>{m.detail.customerRate}</b>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  <b className="mono-num">{formatPercentText(total)}</b>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} />
              </Table.Summary.Row>
            )
          : undefined
      }
    />
  );
}

/**
 * The customer takes this promoted offer: its cost is charged to the promotion's budget at once
 * (POST /api/promotions/{id}/reservations). When the budget is spent the server refuses, and says so.
 */
function TakeUp({ quoteId, offerId, promotionId }: { quoteId: string; offerId: string; promotionId: string }) {
  const { t } = useTranslation('quotes');
  const user = useCurrentUser();
  const errorMessage = useErrorMessage();
  const [state, setState] = useState<{ status: 'idle' | 'busy' } | { status: 'done'; reservation: Reservation } | { status: 'error'; message: string }>({ status: 'idle' });
  if (!hasAnyRole(user, PROMOTION_TAKERS)) return null;
  if (state.status === 'done') {
    return (
      <Typography.Text type="success" data-testid="take-up-done">
        {t('detail.takenUp', { amount: formatMoney(state.reservation.amount), remaining: formatMoney(state.reservation.remainingAfter) })}
      </Typography.Text>
    );
  }
  return (
    <span className="offer-detail__take-up">
      {state.status === 'error' ? (
        <Typography.Text type="danger" data-testid="take-up-error" style={{ marginRight: 8 }}>
          {state.message}
        </Typography.Text>
      ) : null}
      <Button
        type="primary"
        size="small"
        data-testid="take-up"
        loading={state.status === 'busy'}
        onClick={() => {
          setState({ status: 'busy' });
          reservePromotion(promotionId, { quoteId, offerId }).then(
            (reservation) => setState({ status: 'done', reservation }),
            (error: unknown) => setState({ status: 'error', message: errorMessage(error) }),
          );
        }}
      >
        {t('detail.takeUp')}
      </Button>
    </span>
  );
}
