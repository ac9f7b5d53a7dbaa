SELECT c.customer_id,
       c.name,
       COUNT(o.order_id)            AS orders,
       SUM(o.total_cents) / 100.0   AS revenue,
       MAX(o.created_at)            AS last_order
FROM customers c
LEFT JOIN orders o ON o.customer_id = c.customer_id
                  AND o.status <> 'cancelled'
WHERE c.created_at >= DATE '2024-01-01'
GROUP BY c.customer_id, c.name
HAVING COUNT(o.order_id) > 2
ORDER BY revenue DESC
LIMIT 50;
