"""The parts of the improvement plan page (`boardapp.gui.views.plan_page.PlanPage` puts them together)."""
