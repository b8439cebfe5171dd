import { useCallback } from 'react';
import { Alert, Button, Empty, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, FilePdfOutlined, FileImageOutlined } from '@ant-design/icons';
import type { ApplicationDocument, ApplicationDocumentList, StipulationStatus } from '@autofin/contracts';
import { request } from '../../api/client.ts';
import { useErrorMessage } from '../../api/use-error-message.ts';
import { registerMessages, useModuleMessages } from '../../i18n/module-messages.ts';
import { useLoad } from '../../ui/use-load.ts';
import { fill, formatDateTime, labelOf, StipulationStatusTag, type AppMessages } from './application-format.tsx';

const zh = {
  tab: '上传材料',
  title: '合作方上传的材料',
  empty: '合作方尚未通过开放接口上传材料',
  file: '文件',
  stipulation: '对应附加条件',
  stipulationGone: '附加条件已不存在',
  size: '大小',
  uploaded: '上传时间',
  partner: '上传方',
  download: '下载',
  downloadHint: '下载将记入审计日志（材料含个人信息）',
  downloadNotAllowed: '材料含敏感个人信息，仅经销商运营、风险和合规人员可下载',
  sha256: 'SHA-256 校验值',
  verifiedAt: '核验于 {{at}}',
};
const en = {
  tab: 'Documents',
  title: 'Documents uploaded by the partner',
  empty: 'The partner has not uploaded any document through the API yet',
  file: 'File',
  stipulation: 'Stipulation it answers',
  stipulationGone: 'the stipulation no longer exists',
  size: 'Size',
  uploaded: 'Uploaded',
  partner: 'Uploaded by',
  download: 'Download',
  downloadHint: 'Downloads are written to the audit log (documents hold personal data)',
  downloadNotAllowed: 'Documents hold sensitive personal data: only dealer operations, risk and compliance may download them',
  sha256: 'SHA-256 checksum',
  verifiedAt: 'verified {{at}}',
};
const messages = registerMessages('applicationDocuments', zh, en);

function fetchDocuments(applicationId: string, signal: AbortSignal): Promise<ApplicationDocumentList> {
  return request<ApplicationDocumentList>(`/api/applications/${encodeURIComponent(applicationId)}/documents`, { signal });
}

/** The tab's label on the application page. */
export function DocumentsTabLabel() {
  return <>{useModuleMessages(messages).tab}</>;
}

/** 1 536 → "1.5 KB": the size a reviewer compares with what the dealer said they sent. */
function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * The documents partners uploaded with POST /v1/applications/{id}/documents, on the application's
 * page: which stipulation each answers and where that stands, and a download for the staff who may
 * read the application (the server audits every download).
 */
export function ApplicationDocuments({
  applicationId,
  version,
  m,
  zh: isZh,
  canDownload,
}: {
  applicationId: string;
  /** Changes when the stipulations do: the list is read again. */
  version: string;
  m: AppMessages;
  zh: boolean;
  /** Only dealer operations, risk and compliance may open the files (the server enforces it too). */
  canDownload: boolean;
}) {
  const t = useModuleMessages(messages);
  const errorMessage = useErrorMessage();
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `version` is the reason to load again
  const load = useCallback((signal: AbortSignal) => fetchDocuments(applicationId, signal), [applicationId, version]);
  const [state] = useLoad(load);
  if (state.status === 'error') return <Alert type="error" showIcon message={errorMessage(state.error)} />;
  const docs = state.data?.data ?? [];

  const columns: TableColumnsType<ApplicationDocument> = [
    {
      title: t.file,
      key: 'file',
      render: (_: unknown, d) => (
        <Tooltip title={`${t.sha256}: ${d.sha256}`}>
          <span data-testid="document-name">
            {d.mediaType === 'application/pdf' ? <FilePdfOutlined /> : <FileImageOutlined />} {d.fileName}
          </span>
        </Tooltip>
      ),
    },
    {
      title: t.stipulation,
      key: 'stipulation',
      render: (_: unknown, d) =>
        d.stipulation ? (
          <span data-testid="document-stipulation">
            <Tag color="gold">{labelOf(m.stipulationTypes, d.stipulation.type)}</Tag>
            <StipulationStatusTag status={d.stipulation.status as StipulationStatus} m={m} />
            {d.stipulation.verifiedAt ? <Typography.Text type="secondary">{fill(t.verifiedAt, { at: formatDateTime(d.stipulation.verifiedAt) })}</Typography.Text> : null}
          </span>
        ) : (
          <Typography.Text type="secondary">{t.stipulationGone}</Typography.Text>
        ),
    },
    { title: t.size, dataIndex: 'sizeBytes', width: 90, render: (n: number) => <span className="mono-num">{formatSize(n)}</span> },
    { title: t.uploaded, dataIndex: 'createdAt', width: 160, render: (at: string) => formatDateTime(at) },
    {
      title: '',
      key: 'download',
      width: 110,
      render: (_: unknown, d) => (
        <Tooltip title={canDownload ? t.downloadHint : t.downloadNotAllowed}>
          <Button size="small" icon={<DownloadOutlined />} disabled={!canDownload} href={canDownload ? `/api/applications/${encodeURIComponent(applicationId)}/documents/${encodeURIComponent(d.id)}` : undefined} data-testid="document-download">
            {t.download}
          </Button>
        </Tooltip>
      ),
    },
  ];
  return (
    <div data-testid="application-documents" lang={isZh ? 'zh-CN' : 'en-US'}>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t.title}
      </Typography.Title>
      {state.status !== 'loading' && docs.length === 0 ? <Empty description={t.empty} /> : <Table rowKey="id" size="small" loading={state.status === 'loading'} columns={columns} dataSource={docs} pagination={false} />}
    </div>
  );
}
