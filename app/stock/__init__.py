"""The stockpile (物资储备): items, stock, receipts and issues, days of cover at full load (issue 18, part 4)."""
