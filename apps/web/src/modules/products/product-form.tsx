import { useEffect, useState } from 'react';
import { Alert, App, Button, Checkbox, Col, DatePicker, Drawer, Form, Input, InputNumber, Row, Select, Space, Switch, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ProductDefinition, ProductDefinitionInput, ProductVersionRecord, ProductViolation, QuoteVehicleCategory, RepaymentMethodName } from '@autofin/contracts';
import { formatMoney } from '../../ui/format.ts';
import { useErrorMessage } from '../../api/use-error-message.ts';
import { useModuleMessages } from '../../i18n/module-messages.ts';
import { quotesMessages } from '../quotes/quotes.i18n.ts';
import { MONEY_INPUT, normaliseAmount } from '../quotes/money.ts';
import { productTypeList, repaymentMethodList, vehicleCategoryList } from '../quotes/enums.ts';
import { productsMessages } from './products.i18n.ts';
import { createProductDraft, updateProductDraft, validateProduct, violationsOf } from './products.api.ts';
import { bundleTotal, ViolationList } from './product-view.tsx';

const PERCENT = /^\d{1,3}(\.\d{1,6})?$/;
const SIGNED_PERCENT = /^-?\d{1,3}(\.\d{1,6})?$/;
const CODE = /^[A-Z][A-Z0-9_]{1,39}$/;
const ITEM_CODE = /^[A-Z][A-Z0-9_]{0,39}$/;
const TERM_OPTIONS = [6, 12, 18, 24, 36, 48, 60, 72, 84];
const methods = repaymentMethodList;

type FeeRow = { code: string; nameZh: string; nameEn: string; basis: 'amount' | 'percent'; value: string; timing: 'upfront' | 'financed' | 'periodic'; financeCharge: boolean };
type ServiceRow = { code: string; nameZh: string; nameEn: string; descZh: string; descEn: string; price: string; timing: 'financed' | 'upfront' };

interface FormValues {
  code: string;
  nameZh: string;
  nameEn: string;
  descZh?: string;
  descEn?: string;
  type: 'loan' | 'lease';
  vehicleCategories: QuoteVehicleCategory[];
  makes: string[];
  maxVehicleAgeMonths?: number | null;
  maxMileageKm?: number | null;
  terms: number[];
  minDownPaymentPercent: string;
  maxLtvPercent: string;
  maxBorrowerAgeAtMaturity?: number | null;
  methods: RepaymentMethodName[];
  balloonPercent?: string;
  residualPercent?: string;
  depositPercent?: string;
  monthlyFeeRatePercent?: string;
  fees: FeeRow[];
  services: ServiceRow[];
  battery: boolean;
  batteryPrice?: string;
  monthlyRent?: string;
  tradeInProgramme: boolean;
  prepaymentType: ProductDefinition['prepayment']['type'];
  prepaymentPercent?: string;
  prepaymentMonths?: number;
  gridProductCode: string;
  adjustmentPercent: string;
  effectiveFrom: Dayjs;
  effectiveTo?: Dayjs | null;
}

export type ProductFormMode = { kind: 'create' } | { kind: 'edit'; record: ProductVersionRecord } | { kind: 'new-version'; record: ProductVersionRecord };

function fromDefinition(d: ProductDefinition): FormValues {
  return {
    code: d.code,
    nameZh: d.name.zh,
    nameEn: d.name.en,
    descZh: d.description?.zh,
    descEn: d.description?.en,
    type: d.type,
    vehicleCategories: d.vehicleCategories,
    makes: d.makes,
    maxVehicleAgeMonths: d.maxVehicleAgeMonths,
    maxMileageKm: d.maxMileageKm,
    terms: d.terms,
    minDownPaymentPercent: d.minDownPaymentPercent,
    maxLtvPercent: d.maxLtvPercent,
    maxBorrowerAgeAtMaturity: d.maxBorrowerAgeAtMaturity,
    methods: d.methods,
    balloonPercent: d.balloonPercent,
    residualPercent: d.residualPercent,
    depositPercent: d.depositPercent,
    monthlyFeeRatePercent: d.monthlyFeeRatePercent,
    fees: d.fees.map((f) => ({ code: f.code, nameZh: f.name.zh, nameEn: f.name.en, basis: f.basis, value: f.value, timing: f.timing, financeCharge: f.financeCharge })),
    services: d.services.map((s) => ({ code: s.code, nameZh: s.name.zh, nameEn: s.name.en, descZh: s.description.zh, descEn: s.description.en, price: s.price, timing: s.timing })),
    battery: !!d.batteryRental,
    batteryPrice: d.batteryRental?.batteryPrice,
    monthlyRent: d.batteryRental?.monthlyRent,
    tradeInProgramme: d.tradeInProgramme,
    prepaymentType: d.prepayment.type,
    prepaymentPercent: d.prepayment.type === 'percent-of-principal' ? d.prepayment.percent : undefined,
    prepaymentMonths: d.prepayment.type === 'months-of-interest' ? d.prepayment.months : undefined,
    gridProductCode: d.pricing.gridProductCode,
    adjustmentPercent: d.pricing.adjustmentPercent,
    effectiveFrom: dayjs(d.effectiveFrom),
    effectiveTo: d.effectiveTo ? dayjs(d.effectiveTo) : null,
  };
}

const blank: Partial<FormValues> = {
  type: 'loan',
  vehicleCategories: ['new-nev'],
  makes: [],
  terms: [12, 24, 36],
  minDownPaymentPercent: '20',
  maxLtvPercent: '80',
  methods: ['equal-installment'],
  fees: [],
  services: [],
  battery: false,
  tradeInProgramme: false,
  prepaymentType: 'none',
  gridProductCode: 'NEW_CAR_LOAN',
  adjustmentPercent: '0',
  effectiveFrom: dayjs(),
};

const opt = (text: string | undefined) => (text && text.trim() ? text.trim() : undefined);

function toDefinition(v: FormValues): ProductDefinitionInput {
  const prepayment: ProductDefinition['prepayment'] =
    v.prepaymentType === 'percent-of-principal'
      ? { type: 'percent-of-principal', percent: v.prepaymentPercent ?? '0' }
      : v.prepaymentType === 'months-of-interest'
        ? { type: 'months-of-interest', months: v.prepaymentMonths ?? 0 }
        : { type: v.prepaymentType };
  return {
    code: v.code,
    name: { zh: v.nameZh.trim(), en: v.nameEn.trim() },
    description: opt(v.descZh) && opt(v.descEn) ? { zh: v.descZh!.trim(), en: v.descEn!.trim() } : undefined,
    type: v.type,
    vehicleCategories: v.vehicleCategories,
    makes: v.makes ?? [],
    maxVehicleAgeMonths: v.maxVehicleAgeMonths ?? undefined,
    maxMileageKm: v.maxMileageKm ?? undefined,
    terms: [...v.terms].sort((a, b) => a - b),
    minDownPaymentPercent: v.minDownPaymentPercent,
    maxLtvPercent: v.maxLtvPercent,
    maxBorrowerAgeAtMaturity: v.maxBorrowerAgeAtMaturity ?? undefined,
    methods: v.methods,
    balloonPercent: opt(v.balloonPercent),
    residualPercent: opt(v.residualPercent),
    depositPercent: opt(v.depositPercent),
    monthlyFeeRatePercent: opt(v.monthlyFeeRatePercent),
    fees: (v.fees ?? []).map((f) => ({
      code: f.code,
      name: { zh: f.nameZh, en: f.nameEn },
      basis: f.basis,
      value: f.basis === 'amount' ? (normaliseAmount(f.value) ?? f.value) : f.value,
      timing: f.timing,
      financeCharge: !!f.financeCharge,
    })),
    services: (v.services ?? []).map((s) => ({
      code: s.code,
      name: { zh: s.nameZh, en: s.nameEn },
      description: { zh: s.descZh, en: s.descEn },
      price: normaliseAmount(s.price) ?? s.price,
      timing: s.timing,
    })),
    batteryRental: v.battery ? { batteryPrice: normaliseAmount(v.batteryPrice) ?? '0.00', monthlyRent: normaliseAmount(v.monthlyRent) ?? '0.00' } : undefined,
    tradeInProgramme: !!v.tradeInProgramme,
    prepayment,
    pricing: { gridProductCode: v.gridProductCode, adjustmentPercent: v.adjustmentPercent || '0' },
    effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'),
    effectiveTo: v.effectiveTo ? v.effectiveTo.format('YYYY-MM-DD') : undefined,
  };
}

/** Create or edit a product draft: every field of the definition, with a rulebook check before saving. */
export function ProductForm({ mode, onClose, onSaved }: { mode: ProductFormMode | null; onClose: () => void; onSaved: (record: ProductVersionRecord) => void }) {
  const { t } = useTranslation('products');
  const m = useModuleMessages(productsMessages);
  const q = useModuleMessages(quotesMessages);
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const [form] = Form.useForm<FormValues>();
  const [violations, setViolations] = useState<ProductViolation[] | null>(null);
  const [checked, setChecked] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<'save' | 'validate' | null>(null);
  const battery = Form.useWatch('battery', form);
  const prepaymentType = Form.useWatch('prepaymentType', form);
  const services = Form.useWatch('services', form) as ServiceRow[] | undefined;

  useEffect(() => {
    if (!mode) return;
    form.resetFields();
    form.setFieldsValue(mode.kind === 'create' ? blank : fromDefinition(mode.record.definition));
    setViolations(null);
    setChecked(null);
    setError(null);
  }, [mode, form]);

  const title = !mode
    ? ''
    : mode.kind === 'create'
      ? m.form.createTitle
      : mode.kind === 'edit'
        ? t('form.editTitle', { code: mode.record.code, version: mode.record.version })
        : t('form.newVersionTitle', { code: mode.record.code });

  async function validate() {
    const values = await form.validateFields();
    setBusy('validate');
    setError(null);
    try {
      const result = await validateProduct(toDefinition(values));
      setViolations(result.violations);
      setChecked(result.ok ? result.rulebookVersion : null);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  }

  async function save(values: FormValues) {
    if (!mode) return;
    setBusy('save');
    setError(null);
    try {
      const definition = toDefinition(values);
      const record = mode.kind === 'edit' ? await updateProductDraft(mode.record.code, mode.record.version, definition) : await createProductDraft(definition);
      void message.success(t('form.saved', { code: record.code, version: record.version }));
      onSaved(record);
    } catch (e) {
      const found = violationsOf(e);
      if (found?.length) setViolations(found);
      setError(e);
    } finally {
      setBusy(null);
    }
  }

  const total = services?.length ? bundleTotal(services.map((s) => ({ price: normaliseAmount(s?.price) ?? '0.00' }))) : null;
  const pct = [{ pattern: PERCENT, message: m.form.invalidPercent }];
  const money = [{ pattern: MONEY_INPUT, message: m.form.invalidAmount }];
  const req = { required: true, message: m.form.required };

  return (
    <Drawer
      open={!!mode}
      onClose={onClose}
      title={title}
      width={960}
      destroyOnHidden
      data-testid="product-form"
      extra={
        <Space>
          <Button onClick={onClose}>{m.form.cancel}</Button>
          <Button icon={<SafetyCertificateOutlined />} onClick={() => void validate()} loading={busy === 'validate'} data-testid="product-validate">
            {m.form.validate}
          </Button>
          <Button type="primary" onClick={() => form.submit()} loading={busy === 'save'} data-testid="product-save">
            {m.form.save}
          </Button>
        </Space>
      }
    >
      {error ? <Alert type="error" showIcon className="page__alert" message={errorMessage(error)} /> : null}
      {violations && violations.length > 0 ? (
        <Alert type="warning" showIcon className="page__alert" message={m.form.violations} description={<ViolationList violations={violations} />} />
      ) : null}
      {checked ? <Alert type="success" showIcon className="page__alert" message={t('detail.validOk', { rulebook: checked })} /> : null}
      <Form<FormValues> form={form} layout="vertical" onFinish={(v) => void save(v)} requiredMark="optional" className="product-form" scrollToFirstError>
        <div className="form-section">{m.form.basics}</div>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="code" label={m.form.code} tooltip={m.form.codeHelp} rules={[req, { pattern: CODE, message: m.form.invalidCode }]}>
              <Input disabled={mode?.kind !== 'create'} className="mono" data-testid="product-code" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="nameZh" label={m.form.nameZh} rules={[req]}>
              <Input maxLength={100} data-testid="product-name-zh" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="nameEn" label={m.form.nameEn} rules={[req]}>
              <Input maxLength={100} data-testid="product-name-en" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="descZh" label={m.form.descZh}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="descEn" label={m.form.descEn}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="type" label={m.form.type}>
              <Select options={productTypeList.map((x) => ({ value: x, label: m.types[x] }))} />
            </Form.Item>
          </Col>
          <Col span={18}>
            <Form.Item name="vehicleCategories" label={m.form.categories} rules={[req]}>
              <Checkbox.Group options={vehicleCategoryList.map((c) => ({ value: c, label: q.categories[c] }))} data-testid="product-categories" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="makes" label={m.form.makes}>
              <Select mode="tags" tokenSeparators={[',', '，']} open={false} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="maxVehicleAgeMonths" label={m.form.maxAge}>
              <InputNumber min={0} max={600} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="maxMileageKm" label={m.form.maxMileage}>
              <InputNumber min={0} max={2_000_000} precision={0} step={10000} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>

        <div className="form-section">{m.form.finance}</div>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="terms" label={m.form.terms} rules={[req]}>
              <Select mode="multiple" options={TERM_OPTIONS.map((n) => ({ value: n, label: String(n) }))} data-testid="product-terms" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="minDownPaymentPercent" label={m.form.minDown} rules={[req, ...pct]}>
              <Input suffix="%" data-testid="product-min-down" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="maxLtvPercent" label={m.form.maxLtv} rules={[req, ...pct]}>
              <Input suffix="%" data-testid="product-max-ltv" />
            </Form.Item>
          </Col>
          <Col span={6}>
            {/* Optional: empty leaves the decision strategy's own limit; the contract allows 60–75. */}
            <Form.Item name="maxBorrowerAgeAtMaturity" label={m.form.maxBorrowerAge} tooltip={m.form.maxBorrowerAgeHelp}>
              <InputNumber min={60} max={75} precision={0} style={{ width: '100%' }} data-testid="product-max-borrower-age" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="methods" label={m.form.methods} rules={[req]}>
              <Select mode="multiple" options={methods.map((x) => ({ value: x, label: q.methods[x] }))} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="balloonPercent" label={m.form.balloon} rules={pct}>
              <Input suffix="%" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="residualPercent" label={m.form.residual} rules={pct}>
              <Input suffix="%" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="depositPercent" label={m.form.deposit} rules={pct}>
              <Input suffix="%" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="monthlyFeeRatePercent" label={m.form.monthlyFee} rules={pct}>
              <Input suffix="%" />
            </Form.Item>
          </Col>
        </Row>

        <div className="form-section">{m.form.fees}</div>
        <Form.List name="fees">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Row gutter={8} key={field.key} className="list-row">
                  <Col span={3}>
                    <Form.Item name={[field.name, 'code']} rules={[req, { pattern: ITEM_CODE, message: m.form.invalidCode }]}>
                      <Input placeholder={m.form.feeCode} className="mono" />
                    </Form.Item>
                  </Col>
                  <Col span={4}>
                    <Form.Item name={[field.name, 'nameZh']} rules={[req]}>
                      <Input placeholder={m.form.nameZh} />
                    </Form.Item>
                  </Col>
                  <Col span={4}>
                    <Form.Item name={[field.name, 'nameEn']} rules={[req]}>
                      <Input placeholder={m.form.nameEn} />
                    </Form.Item>
                  </Col>
                  <Col span={4}>
                    <Form.Item name={[field.name, 'basis']} initialValue="amount">
                      <Select options={[{ value: 'amount', label: m.form.basisAmount }, { value: 'percent', label: m.form.basisPercent }]} />
                    </Form.Item>
                  </Col>
                  <Col span={3}>
                    <Form.Item name={[field.name, 'value']} rules={[req, { pattern: /^\d{1,13}(\.\d{1,4})?$/, message: m.form.invalidAmount }]}>
                      <Input placeholder={m.form.feeValue} />
                    </Form.Item>
                  </Col>
                  <Col span={3}>
                    <Form.Item name={[field.name, 'timing']} initialValue="financed">
                      <Select options={(['upfront', 'financed', 'periodic'] as const).map((x) => ({ value: x, label: m.timing[x] }))} />
                    </Form.Item>
                  </Col>
                  <Col span={2}>
                    <Form.Item name={[field.name, 'financeCharge']} valuePropName="checked" initialValue={true}>
                      <Checkbox>{m.detail.yes}</Checkbox>
                    </Form.Item>
                  </Col>
                  <Col span={1}>
                    <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label="remove" />
                  </Col>
                </Row>
              ))}
              {fields.length ? <Typography.Text type="secondary" className="list-hint">{m.form.financeCharge}: ✓</Typography.Text> : null}
              <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add()}>
                {m.form.addFee}
              </Button>
            </>
          )}
        </Form.List>

        <div className="form-section">
          {m.form.services}
          {total ? <span className="form-section__aside">{t('form.bundleTotal', { total: formatMoney(total) })}</span> : null}
        </div>
        <Form.List name="services">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Row gutter={8} key={field.key} className="list-row">
                  <Col span={3}>
                    <Form.Item name={[field.name, 'code']} rules={[req, { pattern: ITEM_CODE, message: m.form.invalidCode }]}>
                      <Input placeholder={m.form.serviceCode} className="mono" />
                    </Form.Item>
                  </Col>
                  <Col span={3}>
                    <Form.Item name={[field.name, 'nameZh']} rules={[req]}>
                      <Input placeholder={m.form.nameZh} />
                    </Form.Item>
                  </Col>
                  <Col span={3}>
                    <Form.Item name={[field.name, 'nameEn']} rules={[req]}>
                      <Input placeholder={m.form.nameEn} />
                    </Form.Item>
                  </Col>
                  <Col span={5}>
                    <Form.Item name={[field.name, 'descZh']} rules={[req]}>
                      <Input placeholder={m.form.descZh} />
                    </Form.Item>
                  </Col>
                  <Col span={4}>
                    <Form.Item name={[field.name, 'descEn']} rules={[req]}>
                      <Input placeholder={m.form.descEn} />
                    </Form.Item>
                  </Col>
                  <Col span={3}>
                    <Form.Item name={[field.name, 'price']} rules={[req, ...money]}>
                      <Input prefix="¥" placeholder={m.form.price} />
                    </Form.Item>
                  </Col>
                  <Col span={2}>
                    <Form.Item name={[field.name, 'timing']} initialValue="financed">
                      <Select options={(['financed', 'upfront'] as const).map((x) => ({ value: x, label: m.timing[x] }))} />
                    </Form.Item>
                  </Col>
                  <Col span={1}>
                    <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label="remove" />
                  </Col>
                </Row>
              ))}
              <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add()}>
                {m.form.addService}
              </Button>
            </>
          )}
        </Form.List>

        <div className="form-section">{m.form.battery}</div>
        <Row gutter={12}>
          <Col span={4}>
            <Form.Item name="battery" valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          {battery ? (
            <>
              <Col span={10}>
                <Form.Item name="batteryPrice" label={m.form.batteryPrice} rules={[req, ...money]}>
                  <Input prefix="¥" />
                </Form.Item>
              </Col>
              <Col span={10}>
                <Form.Item name="monthlyRent" label={m.form.monthlyRent} rules={[req, ...money]}>
                  <Input prefix="¥" />
                </Form.Item>
              </Col>
            </>
          ) : null}
        </Row>

        <div className="form-section">{m.form.prepayment}</div>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="prepaymentType">
              <Select options={(['none', 'percent-of-principal', 'months-of-interest', 'trade-in'] as const).map((x) => ({ value: x, label: m.prepaymentTypes[x] }))} />
            </Form.Item>
          </Col>
          {prepaymentType === 'percent-of-principal' ? (
            <Col span={8}>
              <Form.Item name="prepaymentPercent" rules={[req, ...pct]}>
                <Input suffix="%" placeholder={m.form.prepaymentPercent} />
              </Form.Item>
            </Col>
          ) : null}
          {prepaymentType === 'months-of-interest' ? (
            <Col span={8}>
              <Form.Item name="prepaymentMonths" rules={[req]}>
                <InputNumber min={0} max={24} precision={0} placeholder={m.form.prepaymentMonths} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          ) : null}
          <Col span={8}>
            <Form.Item name="tradeInProgramme" valuePropName="checked">
              <Checkbox>{m.form.tradeIn}</Checkbox>
            </Form.Item>
          </Col>
        </Row>

        <div className="form-section">
          {m.form.pricing} · {m.form.effective}
        </div>
        <Row gutter={12}>
          <Col span={6}>
            <Form.Item name="gridProductCode" label={m.form.gridProduct} rules={[req, { pattern: CODE, message: m.form.invalidCode }]}>
              <Input className="mono" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="adjustmentPercent" label={m.form.adjustment} rules={[{ pattern: SIGNED_PERCENT, message: m.form.invalidPercent }]}>
              <Input suffix="%" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="effectiveFrom" label={m.form.from} rules={[req]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="effectiveTo" label={m.form.to}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
