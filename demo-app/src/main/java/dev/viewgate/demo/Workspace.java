package dev.viewgate.demo;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The "Marketing Analytics" workspace of Acme Analytics: three views with sample data. */
public final class Workspace {

    public static final String COMPANY = "Acme Analytics";
    public static final String NAME = "Marketing Analytics";

    private final Map<String, DataView> views = new LinkedHashMap<>();

    private Workspace() {
    }

    public static Workspace withSampleData() {
        Workspace workspace = new Workspace();

        DataView campaigns = workspace.put(new DataView("campaign-performance",
                new ViewSettings("Campaign Performance", true, true, true), false,
                List.of("Campaign", "Channel", "Impressions", "Clicks", "Spend (USD)")));
        campaigns.add(List.of("Spring Launch", "Search", "182000", "5460", "12400"));
        campaigns.add(List.of("Summer Sale", "Social", "240500", "4810", "9800"));
        campaigns.add(List.of("Back to School", "Display", "98000", "1170", "4300"));
        campaigns.add(List.of("Holiday Push", "Email", "51200", "3890", "1200"));

        DataView budget = workspace.put(new DataView("budget-overview",
                new ViewSettings("Budget Overview", false, false, true), false,
                List.of("Quarter", "Department", "Planned (USD)", "Actual (USD)")));
        budget.add(List.of("Q1", "Brand", "50000", "47250"));
        budget.add(List.of("Q1", "Performance", "80000", "83100"));
        budget.add(List.of("Q2", "Brand", "55000", "51900"));
        budget.add(List.of("Q2", "Performance", "90000", "88400"));

        DataView client = workspace.put(new DataView("client-report",
                new ViewSettings("Client Report", true, false, true), true,
                List.of("Client", "Period", "Leads", "Conversions", "Notes")));
        client.add(List.of("Globex", "2025-Q2", "420", "37", "Strong search results"));
        client.add(List.of("Initech", "2025-Q2", "210", "12", "Social underperformed"));
        client.add(List.of("Umbrella", "2025-Q2", "305", "29", "Email re-engagement worked"));
        return workspace;
    }

    private DataView put(DataView view) {
        views.put(view.key(), view);
        return view;
    }

    public Collection<DataView> views() {
        return views.values();
    }

    public Optional<DataView> view(String key) {
        return Optional.ofNullable(key == null ? null : views.get(key));
    }
}
