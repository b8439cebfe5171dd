import { Descriptions, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { BundleService, ProductDefinition, ProductFee, ProductViolation } from '@autofin/contracts';
import { formatMoney, toFen } from '../../ui/format.ts';
import { useLocale, label } from '../../i18n/locale-provider.tsx';
import { useModuleMessages } from '../../i18n/module-messages.ts';
import { quotesMessages } from '../quotes/quotes.i18n.ts';
import { bi, fenToAmount } from '../quotes/money.ts';
import { productsMessages } from './products.i18n.ts';

/** The sum of the bundle's prices, exact in fen. */
export function bundleTotal(services: readonly Pick<BundleService, 'price'>[]): string {
  return fenToAmount(services.reduce((sum, s) => sum + (toFen(s.price) ?? 0n), 0n));
}

/** What the customer gets in the bundle and what each item costs, with the total. */
export function BundleTable({ services }: { services: readonly BundleService[] }) {
  const { locale } = useLocale();
  const m = useModuleMessages(productsMessages);
  return (
    <Table<BundleService>
      size="small"
      rowKey="code"
      pagination={false}
      dataSource={[...services]}
      data-testid="bundle-table"
      columns={[
        { title: m.detail.service, key: 'name', width: 170, render: (_: unknown, s) => <b>{bi(s.name, locale)}</b> },
        { title: m.detail.whatYouGet, key: 'desc', render: (_: unknown, s) => bi(s.description, locale) },
        { title: m.detail.timing, dataIndex: 'timing', width: 120, render: (v: string) => label(m.timing, v) },
        { title: m.detail.price, dataIndex: 'price', width: 130, align: 'right', render: (v: string) => <span className="mono-num">{formatMoney(v)}</span> },
      ]}
      summary={() => (
        <Table.Summary.Row className="bundle-total">
          <Table.Summary.Cell index={0} colSpan={3}>
            <b>{m.detail.bundleTotal}</b>
          </Table.Summary.Cell>
          <Table.Summary.Cell index={1} align="right">
            <b className="mono-num" data-testid="bundle-total">
              {formatMoney(bundleTotal(services))}
            </b>
          </Table.Summary.Cell>
        </Table.Summary.Row>
      )}
    />
  );
}

export function FeeTable({ fees }: { fees: readonly ProductFee[] }) {
  const { t } = useTranslation('products');
  const { locale } = useLocale();
  const m = useModuleMessages(productsMessages);
  return (
    <Table<ProductFee>
      size="small"
      rowKey="code"
      pagination={false}
      dataSource={[...fees]}
      columns={[
        {
          title: m.detail.feeName,
          key: 'name',
          render: (_: unknown, f) => (
            <span>
              {bi(f.name, locale)} <span className="code-tag">{f.code}</span>
            </span>
          ),
        },
        {
          title: m.detail.feeValue,
          key: 'value',
          align: 'right',
          render: (_: unknown, f) => (f.basis === 'amount' ? formatMoney(f.value) : t('detail.percentOfPrincipal', { value: f.value })),
        },
        { title: m.detail.timing, dataIndex: 'timing', render: (v: string) => label(m.timing, v) },
        { title: m.detail.financeCharge, dataIndex: 'financeCharge', render: (v: boolean) => (v ? m.detail.yes : m.detail.no) },
      ]}
    />
  );
}

/** A product version's definition, read-only. */
export function ProductDefinitionView({ definition: d }: { definition: ProductDefinition }) {
  const { t } = useTranslation('products');
  const { locale } = useLocale();
  const m = useModuleMessages(productsMessages);
  const q = useModuleMessages(quotesMessages);
  const prepayment = (() => {
    const rule = d.prepayment;
    if (rule.type === 'percent-of-principal') return t('prepayment.percent-of-principal', { percent: rule.percent });
    if (rule.type === 'months-of-interest') return t('prepayment.months-of-interest', { months: rule.months });
    return m.prepayment[rule.type];
  })();
  return (
    <div className="product-def" data-testid="product-definition">
      {d.description ? <Typography.Paragraph type="secondary">{bi(d.description, locale)}</Typography.Paragraph> : null}
      <Descriptions size="small" bordered column={2} className="product-def__desc">
        <Descriptions.Item label={m.list.categories} span={2}>
          {d.vehicleCategories.map((c) => (
            <Tag key={c} bordered={false} color="blue">
              {label(q.categories, c)}
            </Tag>
          ))}
        </Descriptions.Item>
        <Descriptions.Item label={m.detail.terms}>{d.terms.join(' / ')}</Descriptions.Item>
        <Descriptions.Item label={m.detail.methods}>{d.methods.map((x) => label(q.methods, x)).join('、')}</Descriptions.Item>
        <Descriptions.Item label={m.detail.minDown}>{d.minDownPaymentPercent}%</Descriptions.Item>
        <Descriptions.Item label={m.detail.maxLtv}>{d.maxLtvPercent}%</Descriptions.Item>
        {d.maxBorrowerAgeAtMaturity !== undefined ? <Descriptions.Item label={m.detail.maxBorrowerAge}>{t('detail.years', { n: d.maxBorrowerAgeAtMaturity })}</Descriptions.Item> : null}
        {d.balloonPercent ? <Descriptions.Item label={m.detail.balloon}>{d.balloonPercent}%</Descriptions.Item> : null}
        {d.residualPercent ? <Descriptions.Item label={m.detail.residual}>{d.residualPercent}%</Descriptions.Item> : null}
        {d.depositPercent ? <Descriptions.Item label={m.detail.deposit}>{d.depositPercent}%</Descriptions.Item> : null}
        {d.monthlyFeeRatePercent ? <Descriptions.Item label={m.detail.monthlyFee}>{d.monthlyFeeRatePercent}%</Descriptions.Item> : null}
        <Descriptions.Item label={m.detail.makes}>{d.makes.length ? d.makes.join('、') : m.detail.allMakes}</Descriptions.Item>
        {d.maxVehicleAgeMonths !== undefined ? <Descriptions.Item label={m.detail.maxAge}>{t('detail.months', { n: d.maxVehicleAgeMonths })}</Descriptions.Item> : null}
        {d.maxMileageKm !== undefined ? <Descriptions.Item label={m.detail.maxMileage}>{t('detail.km', { n: d.maxMileageKm.toLocaleString(locale) })}</Descriptions.Item> : null}
        <Descriptions.Item label={m.detail.prepayment}>{prepayment}</Descriptions.Item>
        <Descriptions.Item label={m.detail.pricing}>{t('detail.pricingValue', { code: d.pricing.gridProductCode, adj: d.pricing.adjustmentPercent })}</Descriptions.Item>
        <Descriptions.Item label={m.detail.effective}>
          {d.effectiveFrom} ~ {d.effectiveTo ?? m.list.openEnded}
        </Descriptions.Item>
        {d.tradeInProgramme ? <Descriptions.Item label={m.detail.tradeIn}>{m.detail.tradeInYes}</Descriptions.Item> : null}
      </Descriptions>

      <Typography.Title level={5} className="product-def__title">
        {m.detail.fees}
      </Typography.Title>
      {d.fees.length ? <FeeTable fees={d.fees} /> : <Typography.Text type="secondary">{m.detail.noFees}</Typography.Text>}

      {d.services.length ? (
        <>
          <Typography.Title level={5} className="product-def__title">
            {m.detail.bundle}
          </Typography.Title>
          <BundleTable services={d.services} />
        </>
      ) : null}

      {d.batteryRental ? (
        <>
          <Typography.Title level={5} className="product-def__title">
            {m.detail.battery}
          </Typography.Title>
          <Descriptions size="small" bordered column={2}>
            <Descriptions.Item label={m.detail.batteryPrice}>{formatMoney(d.batteryRental.batteryPrice)}</Descriptions.Item>
            <Descriptions.Item label={m.detail.monthlyRent}>{formatMoney(d.batteryRental.monthlyRent)}</Descriptions.Item>
          </Descriptions>
        </>
      ) : null}
    </div>
  );
}

/** The rules a product breaks, each naming its field and rule. */
export function ViolationList({ violations }: { violations: readonly ProductViolation[] }) {
  const m = useModuleMessages(productsMessages);
  return (
    <ul className="violation-list" data-testid="product-violations">
      {violations.map((v, i) => (
        <li key={`${v.field}-${i}`}>
          {v.rule ? (
            <Tag color="red" bordered={false} className="mono" data-testid="violation-rule">
              {v.rule}
            </Tag>
          ) : null}
          <span>{v.message}</span>
          <Typography.Text type="secondary">
            {' '}
            · {m.form.field} <span className="mono">{v.field}</span>
            {v.source ? ` · ${m.form.source}: ${v.source}` : ''}
          </Typography.Text>
        </li>
      ))}
    </ul>
  );
}
