// The console's credit-application form: the create body's fields (applicant, co-applicant for a
// joint application, the company for a corporate one, vehicle, deal, consents). The server is the
// judge of validity: its problem+json `errors[]` are put back on the fields they name.
import { useState } from 'react';
import { Alert, Button, Checkbox, Col, Divider, Form, Input, InputNumber, Row, Select, Space, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { ExperimentOutlined, SendOutlined } from '@ant-design/icons';
import type { ApplicationCreateBody, ApplicationCreated, ApplicationType, EmploymentType, HousingType, QuoteVehicleCategory } from '@autofin/contracts';
import { residentIdCheckChar } from '@autofin/domain/applications/resident-id';
import { ApiError } from '../../api/client.ts';
import { useErrorMessage } from '../../api/use-error-message.ts';
import type { Locale } from '../../ui/format.ts';
import { MONEY_INPUT, normaliseAmount } from '../quotes/money.ts';
import { salesChannelList, vehicleCategoryList } from '../quotes/enums.ts';
import { createApplication } from './applications.api.ts';
import type { AppMessages } from './application-format.tsx';

// Values only (the contract enums would pull zod into the bundle); typed so a missing label fails the build.
const applicationTypes: readonly ApplicationType[] = ['individual', 'joint', 'corporate'];
const employmentTypes: readonly EmploymentType[] = ['salaried', 'civil_servant', 'soe_employee', 'professional', 'self_employed', 'gig_worker', 'retired', 'other'];
const housingTypes: readonly HousingType[] = ['own_outright', 'own_mortgage', 'rent', 'family', 'employer', 'other'];
const relations = ['spouse', 'parent', 'child', 'sibling', 'other'] as const;

interface PersonValues {
  name?: string;
  idNumber?: string;
  phone?: string;
  monthlyIncome?: string;
  employment?: EmploymentType;
  housing?: HousingType;
  monthlyDebtPayments?: string;
  yearsEmployed?: number;
  employer?: string;
  address?: { province?: string; city?: string };
  relation?: (typeof relations)[number];
}

export interface ApplicationFormValues {
  type: ApplicationType;
  applicant: PersonValues;
  coApplicant?: PersonValues;
  company?: { name?: string; creditCode?: string; yearsInBusiness?: number; annualRevenue?: string; monthlyNetProfit?: string; industry?: string };
  vehicle: { category: QuoteVehicleCategory; make?: string; model?: string; price?: string; listPrice?: string; ageMonths?: number; mileageKm?: number; vin?: string };
  deal: { downPayment?: string; term?: number; productCode?: string };
  consents: { creditCheck: boolean; dataSharing: boolean };
  dealerId?: string;
  channel: 'direct' | 'dealer' | 'online' | 'partner';
}

const initialValues: ApplicationFormValues = {
  type: 'individual',
  applicant: { employment: 'salaried' },
  vehicle: { category: 'new-nev' },
  deal: { term: 36 },
  consents: { creditCheck: false, dataSharing: false },
  channel: 'dealer',
};

const text = (v: string | undefined) => (v && v.trim() ? v.trim() : undefined);
// A money field the user left unparseable is sent as typed: the server names the field.
const money = (v: string | undefined) => (v && v.trim() ? (normaliseAmount(v) ?? v.trim()) : undefined);

function toPerson(p: PersonValues | undefined, co: boolean) {
  const address = p?.address && (text(p.address.province) || text(p.address.city)) ? { province: p.address.province?.trim() ?? '', city: p.address.city?.trim() ?? '' } : undefined;
  return {
    name: p?.name?.trim() ?? '',
    idNumber: p?.idNumber?.trim().toUpperCase() ?? '',
    phone: p?.phone?.trim() ?? '',
    monthlyIncome: money(p?.monthlyIncome) ?? '',
    employment: p?.employment ?? 'other',
    housing: p?.housing,
    monthlyDebtPayments: money(p?.monthlyDebtPayments),
    yearsEmployed: p?.yearsEmployed ?? undefined,
    employer: text(p?.employer),
    address,
    ...(co ? { relation: p?.relation } : {}),
  };
}

/** The create body, built from the form; money goes from the typed text to the request without a float. */
export function toCreateBody(v: ApplicationFormValues): ApplicationCreateBody {
  const used = v.vehicle.category === 'used';
  return {
    type: v.type,
    applicant: toPerson(v.applicant, false),
    coApplicant: v.type === 'joint' ? toPerson(v.coApplicant, true) : undefined,
    company:
      v.type === 'corporate'
        ? {
            name: v.company?.name?.trim() ?? '',
            creditCode: v.company?.creditCode?.trim().toUpperCase() ?? '',
            yearsInBusiness: v.company?.yearsInBusiness ?? undefined,
            annualRevenue: money(v.company?.annualRevenue),
            monthlyNetProfit: money(v.company?.monthlyNetProfit),
            industry: text(v.company?.industry),
          }
        : undefined,
    vehicle: {
      category: v.vehicle.category,
      make: text(v.vehicle.make),
      model: text(v.vehicle.model),
      price: money(v.vehicle.price) ?? '',
      listPrice: used ? money(v.vehicle.listPrice) : undefined,
      ageMonths: used ? (v.vehicle.ageMonths ?? undefined) : undefined,
      mileageKm: used ? (v.vehicle.mileageKm ?? undefined) : undefined,
      vin: text(v.vehicle.vin)?.toUpperCase(),
    },
    deal: { downPayment: money(v.deal.downPayment) ?? '', term: v.deal.term ?? 0, productCode: text(v.deal.productCode) },
    consents: { creditCheck: v.consents.creditCheck, dataSharing: v.consents.dataSharing },
    dealerId: text(v.dealerId),
    channel: v.channel,
  };
}

/** A test identity that passes GB 11643 (region 110105, born 1986), with a phone to match: 演示数据. */
export function demoIdentity(random: () => number = Math.random): { idNumber: string; phone: string } {
  const day = String(1 + Math.floor(random() * 28)).padStart(2, '0');
  const month = String(1 + Math.floor(random() * 12)).padStart(2, '0');
  const seq = String(Math.floor(random() * 1000)).padStart(3, '0');
  const body = `1101051986${month}${day}${seq}`;
  const phone = `139${String(Math.floor(random() * 1e8)).padStart(8, '0')}`;
  return { idNumber: body + residentIdCheckChar(body), phone };
}

/**
 * Sets errors on fields named by paths that arrive as text (the server's `errors[].field`), which
 * cannot be checked against the form's typed names: the untyped form instance takes them.
 */
function setPathErrors(form: FormInstance, entries: Array<{ name: (string | number)[]; errors: string[] }>): void {
  form.setFields(entries);
}

/** Maps `applicant.address.city` or `coApplicant` to the form's field name. */
function fieldName(path: string): (string | number)[] {
  return path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

function PersonFields({ prefix, m, co }: { prefix: 'applicant' | 'coApplicant'; m: AppMessages; co?: boolean }) {
  const f = m.form;
  const required = [{ required: true, message: f.required }];
  const moneyRule = { pattern: MONEY_INPUT, message: f.notMoney };
  return (
    <Row gutter={12}>
      <Col span={8}>
        <Form.Item name={[prefix, 'name']} label={f.name} rules={required}>
          <Input data-testid={`${prefix}-name`} maxLength={50} />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item name={[prefix, 'idNumber']} label={f.idNumber} rules={required} extra={f.idNumberHint}>
          <Input data-testid={`${prefix}-idNumber`} maxLength={18} className="mono-num" />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item name={[prefix, 'phone']} label={f.phone} rules={required}>
          <Input data-testid={`${prefix}-phone`} maxLength={11} className="mono-num" />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item name={[prefix, 'monthlyIncome']} label={f.monthlyIncome} rules={[...required, moneyRule]}>
          <Input prefix="¥" data-testid={`${prefix}-monthlyIncome`} />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item name={[prefix, 'employment']} label={f.employment} rules={required}>
          <Select options={employmentTypes.map((e) => ({ value: e, label: m.employment[e] }))} data-testid={`${prefix}-employment`} />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item name={[prefix, 'monthlyDebtPayments']} label={f.monthlyDebtPayments} rules={[moneyRule]}>
          <Input prefix="¥" />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item name={[prefix, 'housing']} label={f.housing}>
          <Select allowClear options={housingTypes.map((h) => ({ value: h, label: m.housing[h] }))} />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item name={[prefix, 'employer']} label={f.employer}>
          <Input maxLength={100} />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item name={[prefix, 'yearsEmployed']} label={f.yearsEmployed}>
          <InputNumber min={0} max={60} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item name={[prefix, 'address', 'province']} label={f.province}>
          <Input maxLength={30} />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item name={[prefix, 'address', 'city']} label={f.city}>
          <Input maxLength={30} />
        </Form.Item>
      </Col>
      {co ? (
        <Col span={8}>
          <Form.Item name={[prefix, 'relation']} label={f.relation}>
            <Select allowClear options={relations.map((r) => ({ value: r, label: m.relations[r] }))} />
          </Form.Item>
        </Col>
      ) : null}
    </Row>
  );
}

export function ApplicationForm({ m, locale, onCreated }: { m: AppMessages; locale: Locale; onCreated: (created: ApplicationCreated) => void }) {
  const f = m.form;
  const [form] = Form.useForm<ApplicationFormValues>();
  const errorMessage = useErrorMessage();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const type = Form.useWatch('type', form) ?? 'individual';
  const category = Form.useWatch(['vehicle', 'category'], form);
  const required = [{ required: true, message: f.required }];
  const moneyRule = { pattern: MONEY_INPUT, message: f.notMoney };

  const fillDemo = () => {
    const me = demoIdentity();
    const co = demoIdentity();
    form.setFieldsValue({
      applicant: { name: locale === 'zh-CN' ? '王演示' : 'Wang Demo', idNumber: me.idNumber, phone: me.phone, monthlyIncome: '30000', employment: 'salaried', housing: 'own_mortgage', yearsEmployed: 5, address: { province: '北京市', city: '北京市' } },
      coApplicant: type === 'joint' ? { name: '李演示', idNumber: co.idNumber, phone: co.phone, monthlyIncome: '15000', employment: 'salaried', relation: 'spouse' } : undefined,
      company: type === 'corporate' ? { name: '北京演示科技有限公司', creditCode: '91350100M000100Y43', yearsInBusiness: 6, monthlyNetProfit: '40000' } : undefined,
      vehicle: { category: 'new-nev', make: 'BYD', model: 'Han', price: '200000' },
      deal: { downPayment: '60000', term: 36 },
      consents: { creditCheck: true, dataSharing: true },
    });
  };

  const submit = async (values: ApplicationFormValues) => {
    setBusy(true);
    setError(null);
    // Clear the previous answer's field errors; the server's new ones replace them.
    setPathErrors(form, form.getFieldsError().filter((e) => e.errors.length > 0).map((e) => ({ name: [...e.name], errors: [] })));
    try {
      const created = await createApplication(toCreateBody(values));
      onCreated(created);
    } catch (e) {
      setError(e);
      if (e instanceof ApiError && e.problem?.errors?.length) {
        // The server's paths are the body's, which the form's names mirror ("applicant.idNumber").
        setPathErrors(form, e.problem.errors.map((fe) => ({ name: fieldName(fe.field), errors: [fe.message] })));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<ApplicationFormValues> form={form} layout="vertical" initialValues={initialValues} onFinish={(v) => void submit(v)} data-testid="application-form" requiredMark>
      <Space className="form-toolbar" style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{f.intro}</Typography.Text>
        <Button icon={<ExperimentOutlined />} onClick={fillDemo} data-testid="application-demo-fill" title={f.demoNote}>
          {f.demoFill}
        </Button>
      </Space>
      {error ? (
        <Alert
          type="error"
          showIcon
          className="form-error"
          data-testid="application-form-error"
          message={error instanceof ApiError && error.problem?.errors?.length ? f.fixErrors : errorMessage(error)}
          description={error instanceof ApiError && error.problem?.errors?.length ? errorMessage(error) : undefined}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item name="type" label={f.type} rules={required}>
            <Select options={applicationTypes.map((t) => ({ value: t, label: m.types[t] }))} data-testid="application-type" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="channel" label={f.channel}>
            <Select options={salesChannelList.map((c) => ({ value: c, label: m.channels[c] }))} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="dealerId" label={f.dealerId}>
            <Input className="mono-num" />
          </Form.Item>
        </Col>
      </Row>

      <Divider orientation="left">{f.applicant}</Divider>
      <PersonFields prefix="applicant" m={m} />

      {type === 'joint' ? (
        <>
          <Divider orientation="left">{f.coApplicant}</Divider>
          <PersonFields prefix="coApplicant" m={m} co />
        </>
      ) : null}

      {type === 'corporate' ? (
        <>
          <Divider orientation="left">{f.company}</Divider>
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item name={['company', 'name']} label={f.companyName} rules={required}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name={['company', 'creditCode']} label={f.creditCode} rules={required}>
                <Input maxLength={18} className="mono-num" />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name={['company', 'yearsInBusiness']} label={f.yearsInBusiness}>
                <InputNumber min={0} max={200} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name={['company', 'annualRevenue']} label={f.annualRevenue} rules={[moneyRule]}>
                <Input prefix="¥" />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name={['company', 'monthlyNetProfit']} label={f.monthlyNetProfit} rules={[moneyRule]}>
                <Input prefix="¥" />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name={['company', 'industry']} label={f.industry}>
                <Input maxLength={50} />
              </Form.Item>
            </Col>
          </Row>
        </>
      ) : null}

      <Divider orientation="left">{f.vehicle}</Divider>
      <Row gutter={12}>
        <Col span={6}>
          <Form.Item name={['vehicle', 'category']} label={f.category} rules={required}>
            <Select options={vehicleCategoryList.map((c) => ({ value: c, label: m.categories[c] }))} data-testid="vehicle-category" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name={['vehicle', 'make']} label={f.make}>
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name={['vehicle', 'model']} label={f.model}>
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name={['vehicle', 'price']} label={f.price} rules={[...required, moneyRule]}>
            <Input prefix="¥" data-testid="vehicle-price" />
          </Form.Item>
        </Col>
        {category === 'used' ? (
          <>
            <Col span={6}>
              <Form.Item name={['vehicle', 'listPrice']} label={f.listPrice} rules={[moneyRule]}>
                <Input prefix="¥" />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name={['vehicle', 'ageMonths']} label={f.ageMonths}>
                <InputNumber min={0} max={360} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name={['vehicle', 'mileageKm']} label={f.mileageKm}>
                <InputNumber min={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </>
        ) : null}
        <Col span={6}>
          <Form.Item name={['vehicle', 'vin']} label={f.vin}>
            <Input maxLength={17} className="mono-num" />
          </Form.Item>
        </Col>
      </Row>

      <Divider orientation="left">{f.deal}</Divider>
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item name={['deal', 'downPayment']} label={f.downPayment} rules={[...required, moneyRule]}>
            <Input prefix="¥" data-testid="deal-downPayment" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name={['deal', 'term']} label={f.term} rules={required}>
            <Select options={[12, 18, 24, 36, 48, 60].map((n) => ({ value: n, label: String(n) }))} data-testid="deal-term" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name={['deal', 'productCode']} label={f.productCode}>
            <Input placeholder={f.productCodePlaceholder} />
          </Form.Item>
        </Col>
      </Row>

      <Divider orientation="left">{f.consents}</Divider>
      <Form.Item name={['consents', 'creditCheck']} valuePropName="checked" extra={f.creditCheckHint}>
        <Checkbox data-testid="consent-creditCheck">{f.creditCheck}</Checkbox>
      </Form.Item>
      <Form.Item name={['consents', 'dataSharing']} valuePropName="checked">
        <Checkbox>{f.dataSharing}</Checkbox>
      </Form.Item>

      <Button type="primary" htmlType="submit" icon={<SendOutlined />} loading={busy} data-testid="application-submit">
        {f.submit}
      </Button>
    </Form>
  );
}
