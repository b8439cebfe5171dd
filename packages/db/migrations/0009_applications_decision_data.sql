-- Everything outside an application that its decision uses, in one call (see
-- apps/server/src/modules/applications/decision-data.repository.ts). A plpgsql function because
-- its statement is planned once per connection and reused, where the same statement sent as text
-- was planned on every request (most of its cost).
CREATE OR REPLACE FUNCTION application_decision_data(
  p_id_hashes text[], p_id_hash text, p_phone_hash text, p_device_hash text, p_dealer uuid,
  p_d1 timestamptz, p_d7 timestamptz, p_trailing timestamptz, p_valuation_since timestamptz,
  p_city text, p_bureau boolean
) RETURNS json LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (SELECT row_to_json(r) FROM (
    WITH cust AS (
      -- as customer-identity.repository.ts: the oldest profile with the hash, followed to its merge survivor
      SELECT coalesce(s.id, c.id) AS id, coalesce(s.source, c.source) AS source
        FROM customers c LEFT JOIN customers s ON s.id = c.merged_into
       WHERE c.id_number_hash = ANY (p_id_hashes)
       ORDER BY c.created_at, c.id
       LIMIT 1),
    id_rows AS (SELECT submitted_at FROM application_details WHERE id_number_hash = p_id_hash AND submitted_at >= p_d7),
    ph_rows AS (SELECT submitted_at FROM application_details WHERE phone_hash = p_phone_hash AND submitted_at >= p_d7),
    dv_rows AS (SELECT submitted_at FROM application_details WHERE device_hash = p_device_hash AND submitted_at >= p_d7),
    dealer_rows AS (SELECT submitted_at, vehicle_price_fen, vehicle_valuation_fen FROM applications WHERE partner_id = p_dealer AND submitted_at >= p_trailing)
    SELECT
      (SELECT row_to_json(cust) FROM cust) AS customer,
      (SELECT count(*)::int FROM id_rows WHERE submitted_at >= p_d1) AS id24,
      (SELECT count(*)::int FROM id_rows) AS id7,
      (SELECT count(*)::int FROM ph_rows WHERE submitted_at >= p_d1) AS ph24,
      (SELECT count(*)::int FROM ph_rows) AS ph7,
      (SELECT count(*)::int FROM dv_rows WHERE submitted_at >= p_d1) AS dv24,
      (SELECT count(*)::int FROM dv_rows) AS dv7,
      (SELECT count(DISTINCT id_number_hash)::int FROM application_details WHERE phone_hash = p_phone_hash AND id_number_hash <> p_id_hash) AS phone_ids,
      (SELECT json_agg(json_build_object('list', list, 'reason', reason) ORDER BY list) FROM risk_blacklist
        WHERE active AND ((list = 'id_number' AND value_hash = p_id_hash) OR (list = 'phone' AND value_hash = p_phone_hash)
           OR (list = 'device' AND value_hash = p_device_hash) OR (list = 'dealer' AND value_hash = p_dealer::text))) AS blacklist,
      EXISTS (SELECT 1 FROM partners WHERE id = p_dealer) AS dealer_exists,
      (SELECT count(*)::int FROM dealer_rows WHERE submitted_at >= p_d7) AS dealer_week,
      (SELECT count(*)::int FROM dealer_rows WHERE submitted_at < p_d7) AS dealer_trailing,
      (SELECT avg(vehicle_price_fen::float8 / vehicle_valuation_fen) FROM dealer_rows WHERE vehicle_valuation_fen > 0 AND submitted_at >= p_valuation_since) AS dealer_ptv,
      (SELECT tier::int FROM cities WHERE name = p_city OR name = p_city || '市' OR lower(name_en) = lower(p_city) LIMIT 1) AS city_tier,
      CASE WHEN p_bureau THEN (
        SELECT a.bureau_score::int FROM applications a, cust
         WHERE cust.source = 'simulator' AND a.customer_id = cust.id AND a.source = 'simulator'
         ORDER BY a.submitted_at DESC LIMIT 1) END AS bureau_score
  ) r);
END
$$;
