// The console's credit-application form: the create body's fields (applicant, co-applicant for a
// joint application, the company for a corporate one, vehicle, deal, consents). The server is the
// judge of validity: its problem+json `errors[]` are put back on the fields they name.
import { useState } from 'react';
import { Alert, Button, Checkbox, Col, Divider, Form, Input, InputNumber, Row, Select, Space, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { ExperimentOutlined, SendOutlined } from '@ant-design/icons';
import type { ApplicationCreated, ApplicationType, EmploymentType, HousingType } from '@autofin/contracts';
import { ApiError } from '../../api/client.ts';
import { useErrorMessage } from '../../api/use-error-message.ts';
import type { Locale } from '../../ui/format.ts';
import { MONEY_INPUT } from '../quotes/money.ts';
import { salesChannelList, vehicleCategoryList } from '../quotes/enums.ts';
import { createApplication } from './applications.api.ts';
import type { AppMessages } from './application-format.tsx';
import { coApplicantRelations, demoIdentity, initialValues, toCreateBody, type ApplicationFormValues } from './application-body.ts';

// Values only (the contract enums would pull zod into the bundle); typed so a missing label fails the build.
const applicationTypes: readonly ApplicationType[] = ['individual', 'joint', 'corporate'];
const employmentTypes: readonly EmploymentType[] = ['salaried', 'civil_servant', 'soe_employee', 'professional', 'self_employed', 'gig_worker', 'retired', 'other'];
const housingTypes: readonly HousingType[] = ['own_outright', 'own_mortgage', 'rent', 'family', 'employer', 'other'];

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
            <Select allowClear options={coApplicantRelations.map((r) => ({ value: r, label: m.relations[r] }))} />
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
